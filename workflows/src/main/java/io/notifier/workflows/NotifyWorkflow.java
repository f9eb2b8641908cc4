package io.notifier.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The best-effort notification of one recharge: deliver its result to the account system on an
 * escalating schedule within a time window, then reconcile through the pay system's query
 * interface; and when neither settles it, wait for an operator. One execution per recharge, with
 * the id {@code notify-<txNo>}. It owns the notification's state: its status, attempts, last error
 * and next step are decided here, and published through the {@code status} query, the {@code
 * NotifyStatus} search attribute, and pay-api's account_pay, which it writes before it completes.
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
   * The workflow type is {@value #TYPE}: no ending leaves an account unpaid (what ended FAILED
   * waits for an operator as NEEDS_ATTENTION) and the outcome is written to pay-api before the
   * workflow completes, which changed the commands of every execution. Those started before run on
   * as {@code NotifyWorkflowV2} and {@code NotifyWorkflow} ({@code legacy}).
   */
  String TYPE = "NotifyWorkflowV3";

  @WorkflowMethod(name = TYPE)
  NotificationState notifyRecharge(NotifyRequest request);

  /**
   * Reconcile now: stop delivering and ask pay-api's query interface at once, instead of waiting
   * for the window and the reconciliation timer; or reconcile again a notification that needs
   * attention. {@code temporal workflow signal --name reconcile}.
   */
  @SignalMethod(name = "reconcile")
  void reconcile();

  /**
   * Deliver again a notification that needs attention: a new round of attempts on the schedule,
   * within a new window from now. Ignored in any other status. {@code temporal workflow signal
   * --name retry}.
   */
  @SignalMethod(name = "retry")
  void retry();

  /**
   * Close the notification for good, whatever its status, with the operator's reason (required):
   * the account will not be credited by the notifier. {@code temporal workflow signal --name close
   * --input '"refunded by hand, ticket 123"'}.
   */
  @SignalMethod(name = "close")
  void close(String reason);

  /**
   * The workflow's own view: {@code temporal workflow query --name status}. The live attempts of a
   * delivery being retried are the pending activity's ({@code temporal workflow describe}).
   */
  @QueryMethod(name = "status")
  NotificationState status();
}
