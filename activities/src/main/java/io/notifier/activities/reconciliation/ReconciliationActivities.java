package io.notifier.activities.reconciliation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The check after the time window: ask the pay system, through its query interface, what became of
 * the recharge, and settle the account when it was paid.
 */
@ActivityInterface
public interface ReconciliationActivities {

  @ActivityMethod
  ReconciliationResult reconcile(String txNo);
}
