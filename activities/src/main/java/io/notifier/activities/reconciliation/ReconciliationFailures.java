package io.notifier.activities.reconciliation;

/** The types of the {@code ApplicationFailure}s the reconciliation activity throws. */
public final class ReconciliationFailures {

  /** pay-api or account-api could not be reached or answered 5xx; the retry policy tries again. */
  public static final String RECONCILIATION_FAILED = "ReconciliationFailed";

  /** A service refused the query or the settlement for good (a 4xx). */
  public static final String RECONCILIATION_REJECTED = "ReconciliationRejected";

  private ReconciliationFailures() {}
}
