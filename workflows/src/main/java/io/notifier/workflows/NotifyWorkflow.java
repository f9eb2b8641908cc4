package io.notifier.workflows;

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

  /**
   * The workflow type is {@value #TYPE}: the first attempt is made in the first workflow task,
   * which changed the commands of every execution; those started before run on as the type {@code
   * NotifyWorkflow} (see {@code legacy.NotifyWorkflowV1}).
   */
  String TYPE = "NotifyWorkflowV2";

  @WorkflowMethod(name = TYPE)
  NotificationState notifyRecharge(NotifyRequest request);

  /**
   * Reconcile now: stop delivering and query pay-api at once, instead of waiting for the window and
   * the reconciliation timer. Operators send it with {@code temporal workflow signal --name
   * reconcile}.
   */
  @SignalMethod(name = "reconcile")
  void reconcile();

  /**
   * The workflow's own view: {@code temporal workflow query --name status}. The live attempts of a
   * delivery being retried are the pending activity's ({@code temporal workflow describe}).
   */
  @QueryMethod(name = "status")
  NotificationState status();
}
