package io.notifier.workflows.reconciliation;

import io.notifier.workflows.delivery.FailedAttempt;
import java.util.Set;

/**
 * The types of the {@code ApplicationFailure}s the reconciliation activity throws. Both carry the
 * failed attempt ({@link FailedAttempt}: what anyone may read of it, and the detail) as their
 * details, and their message in full.
 */
public final class ReconciliationFailures {

  /** account-api could not be reached, or could not reach pay-api; the retry policy tries again. */
  public static final String RECONCILIATION_FAILED = "ReconciliationFailed";

  /** account-api refused the reconciliation for good: an explicit business answer. */
  public static final String RECONCILIATION_REJECTED = "ReconciliationRejected";

  public static final Set<String> ALL = Set.of(RECONCILIATION_FAILED, RECONCILIATION_REJECTED);

  private ReconciliationFailures() {}
}
