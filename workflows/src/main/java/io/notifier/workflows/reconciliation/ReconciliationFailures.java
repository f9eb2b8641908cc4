package io.notifier.workflows.reconciliation;

/** The types of the {@code ApplicationFailure}s the reconciliation activity throws. */
public final class ReconciliationFailures {

  /** account-api could not be reached, or could not reach pay-api; the retry policy tries again. */
  public static final String RECONCILIATION_FAILED = "ReconciliationFailed";

  /** account-api refused the reconciliation for good. */
  public static final String RECONCILIATION_REJECTED = "ReconciliationRejected";

  private ReconciliationFailures() {}
}
