package io.notifier.workflows;

import io.notifier.activities.delivery.DeliveryActivities;
import io.notifier.activities.delivery.DeliveryAttemptFailure;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The best-effort notification of one recharge: deliver its result to the account system on an
 * escalating schedule within a time window, then reconcile through the pay system's query
 * interface. One execution per recharge, with the id {@code notify-<txNo>}.
 */
@WorkflowInterface
public interface NotifyWorkflow {

  /**
   * The workflow id of the notification of {@code txNo}; the business key makes starts idempotent.
   */
  static String workflowId(String txNo) {
    return "notify-" + txNo;
  }

  @WorkflowMethod
  NotificationStatus notifyRecharge(NotifyRequest request);

  /**
   * Reconcile now: stop delivering and query pay-api at once, instead of waiting for the window and
   * the reconciliation timer. Operators send it with {@code temporal workflow signal --name
   * reconcile}.
   */
  @SignalMethod(name = "reconcile")
  void reconcile();

  /** Sent by a failing delivery attempt; see {@link DeliveryActivities#ATTEMPT_FAILED_SIGNAL}. */
  @SignalMethod(name = DeliveryActivities.ATTEMPT_FAILED_SIGNAL)
  void deliveryAttemptFailed(DeliveryAttemptFailure failure);

  /** Where the notification stands: {@code temporal workflow query --name status}. */
  @QueryMethod(name = "status")
  NotificationStatus status();
}
