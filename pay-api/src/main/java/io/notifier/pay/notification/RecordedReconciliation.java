package io.notifier.pay.notification;

import io.notifier.pay.notification.NotificationLedger.Outcome;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;

/**
 * The reconciliation activity as pay-api's worker runs it: what it settles for good, pay-api
 * records. A failure that will be retried records nothing; one that ends the notification does.
 */
public final class RecordedReconciliation implements ReconciliationActivities {

  private final ReconciliationActivities reconciliation;
  private final NotificationBookkeeper bookkeeper;
  private final Clock clock;

  RecordedReconciliation(
      ReconciliationActivities reconciliation, NotificationBookkeeper bookkeeper, Clock clock) {
    this.reconciliation = reconciliation;
    this.bookkeeper = bookkeeper;
    this.clock = clock;
  }

  @Override
  public ReconciliationResult reconcile(String txNo) {
    ReconciliationResult result;
    try {
      result = reconciliation.reconcile(txNo);
    } catch (ApplicationFailure failure) {
      if (failure.isNonRetryable()) {
        record(txNo, NotifyStatus.FAILED, "reconciliation failed: " + failure.getOriginalMessage());
      }
      throw failure;
    }
    if (result.agreed()) {
      record(txNo, NotifyStatus.RECONCILED, "pay-api reports " + result.payResult());
    } else {
      record(txNo, NotifyStatus.FAILED, "pay-api knows no recharge " + txNo);
    }
    return result;
  }

  private void record(String txNo, NotifyStatus status, String reason) {
    bookkeeper.ended(txNo, new Outcome(status, clock.instant(), reason));
  }
}
