package io.notifier.pay.notification;

import io.notifier.pay.recharge.Recharge;
import io.notifier.pay.recharge.RechargeRecorded;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.NotifyWorkflowOptions;
import io.notifier.workflows.RechargeNotification;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the NotifyWorkflow of each recorded recharge, at most once: the workflow id is {@code
 * notify-<txNo>}, and Temporal refuses a second start of it while the namespace keeps the first run
 * (running, or closed within its retention). Only the sweeper starts one again, after a run that
 * ended without settling and without an operator's word.
 */
@Component
class NotificationStarter {

  private static final Logger log = LoggerFactory.getLogger(NotificationStarter.class);

  private final WorkflowClient client;
  private final NotificationStartMarks startMarks;
  private final NotifyProperties properties;
  private final NotifyPolicy policy;
  private final WebUiLinks links;
  private final Clock clock;

  NotificationStarter(
      WorkflowClient client,
      NotificationStartMarks startMarks,
      NotifyProperties properties,
      NotifyPolicy policy,
      WebUiLinks links,
      Clock clock) {
    this.links = links;
    this.client = client;
    this.startMarks = startMarks;
    this.properties = properties;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Runs on the request's thread after the recharge committed: whatever happens here, the recharge
   * is recorded and its client must hear so, or it would retry and pay twice. Nothing thrown here
   * reaches the request; the relay repairs what was left undone.
   */
  @EventListener
  void onRecorded(RechargeRecorded recorded) {
    try {
      start(recorded.recharge());
    } catch (RuntimeException unexpected) {
      log.warn(
          "Could not start the notification of {}; the relay will: {}",
          recorded.recharge().txNo(),
          unexpected.toString());
    }
  }

  /**
   * @return whether the notification now exists; false when Temporal could not be reached, in which
   *     case the recharge stays pending for the relay
   */
  boolean start(Recharge recharge) {
    return start(
        recharge,
        NotifyWorkflowOptions.of(
            notificationOf(recharge), policy, properties.taskQueue(), recharge.createdAt()));
  }

  /**
   * Starts a new run of a notification whose last run ended without settling it and without an
   * operator's word (it failed, timed out, or ended FAILED as a retired type), as the current type.
   * The sweeper only, which decided so from that run's status.
   */
  boolean startAgain(Recharge recharge) {
    return start(
        recharge,
        NotifyWorkflowOptions.again(
            notificationOf(recharge), policy, properties.taskQueue(), recharge.createdAt()));
  }

  private boolean start(Recharge recharge, WorkflowOptions options) {
    RechargeNotification notification = notificationOf(recharge);
    NotifyWorkflow workflow = client.newWorkflowStub(NotifyWorkflow.class, options);
    try {
      WorkflowExecution started =
          WorkflowClient.start(workflow::notifyRecharge, new NotifyRequest(notification, policy));
      String link = links.of(recharge.txNo(), started.getRunId());
      log.info("Notification of {} started{}", recharge.txNo(), link == null ? "" : ": " + link);
    } catch (WorkflowExecutionAlreadyStarted startedBefore) {
      log.debug("Notification of {} was started before", recharge.txNo());
    } catch (RuntimeException unreachable) {
      log.warn(
          "Could not start the notification of {}; the relay will retry: {}",
          recharge.txNo(),
          unreachable.toString());
      return false;
    }
    // To the millisecond: what the database keeps, whatever the clock gives.
    startMarks.started(recharge.txNo(), Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    return true;
  }

  static RechargeNotification notificationOf(Recharge recharge) {
    return new RechargeNotification(
        recharge.txNo(), recharge.accountNo(), recharge.amount(), recharge.result());
  }
}
