package io.notifier.pay.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.notifier.pay.notification.NotificationLedger.Outcome;
import io.notifier.pay.notification.NotificationLedger.Unsettled;
import io.notifier.pay.recharge.RechargeRepository;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Nothing falls through the cracks: finds the notifications that should have settled well after
 * their window and reconciliation but are not recorded as settled, and asks Temporal what became of
 * them. A completed workflow's outcome is recorded; a workflow terminated, timed out, failed,
 * cancelled by hand or gone (the namespace's retention) is started again — the receiver's
 * de-duplication makes a second delivery of a credited txNo harmless; one still reconciling past
 * its limit is reported. One row that fails does not stop the rest.
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
            .description("notifications started again: their workflow ended without settling")
            .register(metrics);
    this.overdue =
        Counter.builder("notify.sweeper.overdue")
            .description("notifications still running past their reconciliation limit")
            .register(metrics);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        locks.everyInterval("notification-sweeper", sweep.interval(), this::sweep));
  }

  /** One round: at most a batch of unsettled notifications, oldest first. */
  void sweep() {
    Instant now = clock.instant();
    Instant settledBy =
        now.minus(policy.window()).minus(policy.reconcileAfter()).minus(sweep.grace());
    List<Unsettled> unsettled =
        ledger.findUnsettled(settledBy, now.minus(sweep.recheck()), sweep.batchSize());
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
      log.info("Sweeper looked at {} unsettled notifications", unsettled.size());
    }
  }

  private void check(Unsettled notification, Instant now) {
    WorkflowStub workflow =
        client.newUntypedWorkflowStub(NotifyWorkflow.workflowId(notification.txNo()));
    WorkflowExecutionDescription description;
    try {
      description = workflow.describe();
    } catch (WorkflowException e) {
      if (NotificationReader.notFound(e)) {
        startAgain(notification, "its workflow is gone");
        return;
      }
      throw e;
    }
    WorkflowExecutionStatus status = description.getStatus();
    switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> reportIfOverdue(notification, now);
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        // Completed: the result is in its history already, nothing to wait for.
        NotificationState result = workflow.getResult(NotificationState.class);
        ledger.record(
            notification.txNo(),
            new Outcome(result.status(), result.finishedAt(), result.lastError()));
      }
      default -> startAgain(notification, "its workflow ended " + status.name());
    }
  }

  private void startAgain(Unsettled notification, String why) {
    log.warn(
        "The notification of {} never settled ({}): starting it again", notification.txNo(), why);
    recharges
        .findById(notification.txNo())
        .ifPresent(
            recharge -> {
              if (starter.start(recharge)) {
                restarted.increment();
              }
            });
  }

  private void reportIfOverdue(Unsettled notification, Instant now) {
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
          "The notification of {} is still running, past its reconciliation limit",
          notification.txNo());
    }
  }
}
