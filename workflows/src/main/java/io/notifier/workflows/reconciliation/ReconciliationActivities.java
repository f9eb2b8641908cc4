package io.notifier.workflows.reconciliation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The check after the time window: the account system asks the pay system, through its query
 * interface, what became of the recharge, and settles the account when it was paid.
 */
@ActivityInterface
public interface ReconciliationActivities {

  /**
   * Asks account-api to reconcile {@code txNo}. A failure that may heal throws a retryable {@link
   * ReconciliationFailures#RECONCILIATION_FAILED}; a refusal for good a non-retryable {@link
   * ReconciliationFailures#RECONCILIATION_REJECTED}.
   */
  @ActivityMethod
  ReconciliationResult reconcile(String txNo);
}
