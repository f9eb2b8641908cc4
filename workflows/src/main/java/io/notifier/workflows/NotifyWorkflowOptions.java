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
   * @param recordedAt when pay-api recorded the recharge
   */
  public static WorkflowOptions of(
      RechargeNotification notification,
      NotifyPolicy policy,
      String taskQueue,
      Instant recordedAt) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(NotifyWorkflow.workflowId(notification.txNo()))
        .setTaskQueue(taskQueue)
        // A second start of the same id is refused while the first runs, and after it completed
        // while the namespace keeps it (its retention): one recharge, one notification. Only a run
        // that ended without completing (terminated, timed out, failed) may be followed by another,
        // which is how pay-api's sweeper settles it.
        .setWorkflowIdReusePolicy(
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
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
