package io.notifier.workflows;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;

/**
 * How a notification is started, in one place for pay-api and the tests: its id, its uniqueness,
 * and what the Web UI shows of it before anything has happened.
 */
public final class NotifyWorkflowOptions {

  private NotifyWorkflowOptions() {}

  /**
   * A recharge's notification: refused while a run of it exists in the namespace (running, or
   * closed within its retention), whatever became of that run. One recharge, one notification.
   *
   * @param recordedAt when pay-api recorded the recharge
   */
  public static WorkflowOptions of(
      RechargeNotification notification,
      NotifyPolicy policy,
      String taskQueue,
      Instant recordedAt) {
    return of(
        notification,
        policy,
        taskQueue,
        recordedAt,
        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  /**
   * A notification started again after its last run ended without settling it and without an
   * operator's word (it failed, timed out, or ended FAILED as a retired type): pay-api's sweeper
   * only, which decided so from that run's status.
   */
  public static WorkflowOptions again(
      RechargeNotification notification,
      NotifyPolicy policy,
      String taskQueue,
      Instant recordedAt) {
    return of(
        notification,
        policy,
        taskQueue,
        recordedAt,
        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE);
  }

  private static WorkflowOptions of(
      RechargeNotification notification,
      NotifyPolicy policy,
      String taskQueue,
      Instant recordedAt,
      WorkflowIdReusePolicy reuse) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(NotifyWorkflow.workflowId(notification.txNo()))
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(reuse)
        .setTypedSearchAttributes(NotifySearchAttributes.initial(notification))
        .setStaticSummary(
            "Recharge %s to account %s"
                .formatted(notification.amount().toPlainString(), notification.accountNo()))
        .setStaticDetails(
            "txNo `%s` · recorded %s · schedule %s within %s"
                .formatted(
                    notification.txNo(),
                    recordedAt,
                    policy.schedule(),
                    Durations.format(policy.window())))
        // The worker runs in pay-api, beside the client: the first workflow task comes back with
        // the start's answer instead of a round trip through the task queue.
        .setDisableEagerExecution(false)
        .build();
  }
}
