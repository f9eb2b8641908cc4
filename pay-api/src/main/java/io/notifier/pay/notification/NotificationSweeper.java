package io.notifier.pay.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.notifier.pay.notification.NotificationLedger.Unsettled;
import io.notifier.pay.recharge.Recharge;
import io.notifier.pay.recharge.RechargeRepository;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.outcome.NotificationOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The safety net under the workflows, which write their own outcome: looks at the notifications
 * started a while ago that account_pay does not hold as ended, and asks Temporal about their run.
 *
 * <ul>
 *   <li>running: nothing to do (one of a retired type past its reconciliation limit is counted);
 *   <li>gone (deleted, or lost with the server's data), failed or timed out, without an operator's
 *       word: started again, as the current type; the receiver's de-duplication makes a second
 *       delivery of a credited txNo harmless;
 *   <li>terminated or cancelled in Temporal: an operator's word, recorded as CLOSED, never
 *       overruled;
 *   <li>completed without writing its outcome (a retired type): its result recorded, or, when it
 *       ended FAILED, started again.
 * </ul>
 *
 * It looks at each notification every {@code notify.sweep.recheck} from {@code notify.sweep.grace}
 * after its start; the namespace's retention must outlast that, or a run closed by hand vanishes
 * before the sweeper sees how it ended (docs/deployment: retention). One row that fails does not
 * stop the rest; one pay-api instance sweeps at a time.
 */
@Component
class NotificationSweeper implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(NotificationSweeper.class);

  private final NotificationLedger ledger;
  private final RechargeRepository recharges;
  private final NotificationStarter starter;
  private final NotificationLocks locks;
  private final WorkflowClient client;
  private final NotifyProperties.Sweep sweep;
  private final NotifyPolicy policy;
  private final Clock clock;
  private final Counter restarted;
  private final Counter closedByHand;
  private final Counter overdue;

  NotificationSweeper(
      NotificationLedger ledger,
      RechargeRepository recharges,
      NotificationStarter starter,
      NotificationLocks locks,
      WorkflowClient client,
      NotifyProperties properties,
      NotifyPolicy policy,
      Clock clock,
      MeterRegistry metrics) {
    this.ledger = ledger;
    this.recharges = recharges;
    this.starter = starter;
    this.locks = locks;
    this.client = client;
    this.sweep = properties.sweep();
    this.policy = policy;
    this.clock = clock;
    this.restarted =
        Counter.builder("notify.sweeper.restarted")
            .description("notifications started again: their run vanished or ended unsettled")
            .register(metrics);
    this.closedByHand =
        Counter.builder("notify.sweeper.closed.by.hand")
            .description("notifications whose run an operator terminated or cancelled in Temporal")
            .register(metrics);
    this.overdue =
        Counter.builder("notify.sweeper.overdue")
            .description("notifications of a retired type still running past their limit")
            .register(metrics);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        locks.everyInterval("notification-sweeper", sweep.interval(), this::sweep));
  }

  /** One round: at most a batch of unsettled notifications, oldest first. */
  void sweep() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<Unsettled> unsettled =
        ledger.findUnsettled(
            now.minus(sweep.grace()), now.minus(sweep.recheck()), sweep.batchSize());
    for (Unsettled notification : unsettled) {
      try {
        check(notification, now);
      } catch (RuntimeException e) {
        log.warn("Could not sweep the notification of {}: {}", notification.txNo(), e.toString());
      } finally {
        ledger.markChecked(notification.txNo(), now);
      }
    }
    if (!unsettled.isEmpty()) {
      log.debug("Sweeper looked at {} unsettled notifications", unsettled.size());
    }
  }

  private void check(Unsettled notification, Instant now) {
    WorkflowStub run =
        client.newUntypedWorkflowStub(NotifyWorkflow.workflowId(notification.txNo()));
    WorkflowExecutionDescription description;
    try {
      description = run.describe();
    } catch (WorkflowException e) {
      if (NotificationReader.notFound(e)) {
        startAgain(notification, "its workflow is gone");
        return;
      }
      throw e;
    }
    if (ledger.outcomeOf(notification.txNo()).isPresent()) {
      return; // it wrote its outcome while we looked
    }
    switch (description.getStatus()) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> reportIfOverdue(notification, description, now);
      case WORKFLOW_EXECUTION_STATUS_TERMINATED, WORKFLOW_EXECUTION_STATUS_CANCELED ->
          closedByHand(notification, description);
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> completedWithoutOutcome(notification, run);
      default -> startAgain(notification, "its workflow ended " + description.getStatus().name());
    }
  }

  /** A retired type's run ended: what it settled is recorded; what it left unpaid starts again. */
  private void completedWithoutOutcome(Unsettled notification, WorkflowStub run) {
    NotificationState result = run.getResult(NotificationState.class);
    if (!result.status().settled()) {
      startAgain(notification, "its workflow ended " + result.status() + ": " + result.lastError());
      return;
    }
    ledger.record(
        new NotificationOutcome(
            notification.txNo(),
            result.status(),
            result.finishedAt(),
            result.attempts(),
            result.payResult(),
            result.status() == NotifyStatus.NOTIFIED ? "delivered" : "reconciled",
            result.lastError()));
  }

  /** Terminated or cancelled in Temporal: only an operator does that, and is not overruled. */
  private void closedByHand(Unsettled notification, WorkflowExecutionDescription description) {
    String how = description.getStatus().name().substring("WORKFLOW_EXECUTION_STATUS_".length());
    log.warn(
        "The notification of {} was closed by hand in Temporal ({}): recorded as CLOSED",
        notification.txNo(),
        how);
    ledger.record(
        new NotificationOutcome(
            notification.txNo(),
            NotifyStatus.CLOSED,
            description.getCloseTime(),
            0,
            null,
            "closed by hand in Temporal: its run was " + how,
            null));
    closedByHand.increment();
  }

  private void startAgain(Unsettled notification, String why) {
    log.warn(
        "The notification of {} never settled ({}): starting it again", notification.txNo(), why);
    Recharge recharge = recharges.findById(notification.txNo()).orElseThrow();
    if (starter.startAgain(recharge)) {
      restarted.increment();
    }
  }

  /**
   * The current type waits in NEEDS_ATTENTION as long as it takes; a retired type's run still
   * running past its window, reconciliation and limit is stuck: counted and logged, for an
   * operator.
   */
  private void reportIfOverdue(
      Unsettled notification, WorkflowExecutionDescription description, Instant now) {
    if (NotifyWorkflow.TYPE.equals(description.getWorkflowType())) {
      return;
    }
    Duration limit = policy.reconcileLimit() == null ? Duration.ZERO : policy.reconcileLimit();
    Instant dueBy =
        notification
            .startedAt()
            .plus(policy.window())
            .plus(policy.reconcileAfter())
            .plus(limit)
            .plus(sweep.grace());
    if (now.isAfter(dueBy)) {
      overdue.increment();
      log.warn(
          "The notification of {} ({}) is still running past its reconciliation limit",
          notification.txNo(),
          description.getWorkflowType());
    }
  }
}
