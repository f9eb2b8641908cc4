package io.notifier.pay.notification;

import io.notifier.activities.delivery.Durations;
import io.notifier.pay.recharge.Recharge;
import io.notifier.pay.recharge.RechargeRepository;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the NotifyWorkflow of a recharge, at most once: the workflow id is {@code notify-<txNo>}
 * and a second start is refused by Temporal, even after the first run has closed.
 */
@Component
public class NotificationStarter {

  private static final Logger log = LoggerFactory.getLogger(NotificationStarter.class);

  private final WorkflowClient client;
  private final RechargeRepository recharges;
  private final NotifyProperties properties;
  private final NotifyPolicy policy;
  private final Clock clock;

  NotificationStarter(
      WorkflowClient client,
      RechargeRepository recharges,
      NotifyProperties properties,
      NotifyPolicy policy,
      Clock clock) {
    this.client = client;
    this.recharges = recharges;
    this.properties = properties;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * @return whether the notification now exists; false when Temporal could not be reached, in which
   *     case the recharge stays pending for the relay
   */
  public boolean start(Recharge recharge) {
    NotifyWorkflow workflow = client.newWorkflowStub(NotifyWorkflow.class, options(recharge));
    try {
      WorkflowClient.start(
          workflow::notifyRecharge, new NotifyRequest(recharge.toNotification(), policy));
    } catch (WorkflowExecutionAlreadyStarted startedBefore) {
      log.debug("Notification of {} was started before", recharge.txNo());
    } catch (RuntimeException unreachable) {
      log.warn(
          "Could not start the notification of {}; the relay will retry: {}",
          recharge.txNo(),
          unreachable.toString());
      return false;
    }
    recharges.markNotificationStarted(recharge.txNo(), Instant.now(clock));
    return true;
  }

  private WorkflowOptions options(Recharge recharge) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(NotifyWorkflow.workflowId(recharge.txNo()))
        .setTaskQueue(properties.taskQueue())
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(NotifySearchAttributes.initial(recharge.toNotification()))
        .setStaticSummary(
            "Recharge %s to account %s"
                .formatted(recharge.amount().toPlainString(), recharge.accountNo()))
        .setStaticDetails(
            "txNo `%s` · recorded %s · schedule %s within %s"
                .formatted(
                    recharge.txNo(),
                    recharge.createdAt(),
                    policy.schedule(),
                    Durations.format(policy.window())))
        // The worker runs in this process: the first workflow task comes back with the start's
        // answer instead of a round trip through the task queue.
        .setDisableEagerExecution(false)
        .build();
  }
}
