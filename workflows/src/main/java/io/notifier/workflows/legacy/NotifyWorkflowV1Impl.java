package io.notifier.workflows.legacy;

import static io.notifier.workflows.legacy.LegacyFailures.agreed;
import static io.notifier.workflows.legacy.LegacyFailures.detailsOf;
import static io.notifier.workflows.legacy.LegacyFailures.isRejection;
import static io.notifier.workflows.legacy.LegacyFailures.messageOf;

import io.notifier.workflows.Durations;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.RetrySchedule;
import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.DeliveryProgress;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempts;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Runs the executions of the retired type {@code NotifyWorkflow} (histories {@code v1} to {@code
 * v3}): every attempt on the server, and its later changes decided by {@code Workflow.getVersion}.
 *
 * <p><b>Frozen.</b> This class is what those executions recorded; it changes only with a replay
 * test over their histories, never for new notifications. It can still end FAILED, which leaves an
 * account unpaid: pay-api's sweeper starts such a notification again as the current type. A
 * reconciliation recorded without a limit is ended by the activity itself after {@code
 * notify.reconcile.limit} (see {@code ReconciliationActivitiesImpl}).
 */
public class NotifyWorkflowV1Impl implements NotifyWorkflowV1 {

  /**
   * Since this change a workflow told to reconcile first reads the failed attempts of its delivery
   * from the server, then waits for the cancelled delivery to end (an attempt in flight may still
   * fail, or get through); executions recorded before it cancelled and went on at once.
   */
  static final String AWAIT_CANCELLED_DELIVERY = "await-cancelled-delivery";

  /**
   * Since this change a notification the receiver rejected is reconciled at once instead of ending
   * FAILED: the pay system's query interface has the last word on what the account is owed.
   */
  static final String RECONCILE_AFTER_REJECTION = "reconcile-after-rejection";

  /** Counts notifications whose reconciliation gave up after the policy's limit. */
  static final String GAVE_UP_METRIC = "notify_reconciliation_gave_up";

  private static final Logger log = Workflow.getLogger(NotifyWorkflowV1Impl.class);

  private static final RetryOptions RECONCILIATION_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(10))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(10))
          .build();

  private String txNo;
  private NotifyStatus status = NotifyStatus.NOTIFYING;
  private FailedAttempts failures = FailedAttempts.NONE;
  private int attempts;
  private String lastError;
  private Instant reconcileAt;
  private Instant windowClosesAt;
  private Instant finishedAt;
  private String payResult;
  private boolean reconcileRequested;
  private Promise<DeliveryReceipt> receipt;

  @Override
  public NotificationState notifyRecharge(NotifyRequest request) {
    RechargeNotification notification = request.notification();
    NotifyPolicy policy = request.policy();
    txNo = notification.txNo();
    windowClosesAt = now().plus(policy.window());
    Workflow.setCurrentDetails(details());

    DeliveryActivities delivery =
        Workflow.newActivityStub(DeliveryActivities.class, deliveryOptions(notification, policy));
    DeliveryRequest deliveryRequest = new DeliveryRequest(notification, policy.schedule(), null);
    CancellationScope deliveryScope =
        Workflow.newCancellationScope(
            () -> receipt = Async.function(delivery::deliver, deliveryRequest));
    deliveryScope.run();

    Workflow.await(() -> receipt.isCompleted() || reconcileRequested);
    if (!receipt.isCompleted()) {
      if (since(AWAIT_CANCELLED_DELIVERY)) {
        readFailedAttempts();
        deliveryScope.cancel("reconcile requested");
        Workflow.await(receipt::isCompleted);
      } else {
        deliveryScope.cancel("reconcile requested");
      }
    }
    if (receipt.isCompleted()) {
      try {
        attempts = receipt.get().attempt();
        return finish(NotifyStatus.NOTIFIED);
      } catch (ActivityFailure failure) {
        learnFrom(failure);
        if (isRejection(failure)) {
          if (!since(RECONCILE_AFTER_REJECTION)) {
            return finish(NotifyStatus.FAILED);
          }
          log.warn("The receiver rejected the notification of {}: {}", txNo, lastError);
          reconcileRequested = true;
          return reconcile(policy);
        }
        log.info("Delivery of {} ended after {} attempts: {}", txNo, attempts, lastError);
      }
    }
    return reconcile(policy);
  }

  private static boolean since(String changeId) {
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private NotificationState reconcile(NotifyPolicy policy) {
    enter(NotifyStatus.RECONCILING);
    if (!reconcileRequested) {
      reconcileAt = windowClosesAt.plus(policy.reconcileAfter());
      Workflow.setCurrentDetails(details());
      Duration wait = Duration.between(now(), reconcileAt);
      if (wait.isPositive()) {
        Promise<Void> timer =
            Workflow.newTimer(
                wait,
                TimerOptions.newBuilder()
                    .setSummary("Reconcile at " + reconcileAt + " unless told earlier")
                    .build());
        Workflow.await(() -> timer.isCompleted() || reconcileRequested);
      }
    }
    reconcileAt = null;
    ReconciliationActivities reconciliation =
        Workflow.newActivityStub(ReconciliationActivities.class, reconciliationOptions(policy));
    try {
      ReconciliationResult result = reconciliation.reconcile(txNo);
      payResult = result.payResult();
      if (agreed(result)) {
        return finish(NotifyStatus.RECONCILED);
      }
      lastError = "pay-api knows no recharge " + txNo + ": nothing to settle";
    } catch (ActivityFailure failure) {
      if (failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT
          || failure.getCause() instanceof TimeoutFailure) {
        lastError =
            "reconciliation gave up after "
                + Durations.format(policy.reconcileLimit())
                + ": "
                + messageOf(failure);
        Workflow.getMetricsScope().counter(GAVE_UP_METRIC).inc(1);
      } else {
        lastError = "reconciliation failed: " + messageOf(failure);
      }
    }
    return finish(NotifyStatus.FAILED);
  }

  @Override
  public void reconcile() {
    reconcileRequested = true;
  }

  @Override
  public NotificationState status() {
    return new NotificationState(
        txNo,
        Workflow.getInfo().getWorkflowId(),
        status,
        attempts,
        lastError,
        reconcileAt,
        windowClosesAt,
        finishedAt,
        payResult,
        failures.recent());
  }

  private void readFailedAttempts() {
    DeliveryProgress progress =
        Workflow.newLocalActivityStub(
            DeliveryProgress.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                .setSummary("Read the failed attempts of the delivery before cancelling it")
                .build());
    try {
      learn(progress.failedAttempts(Workflow.getInfo().getWorkflowId()));
    } catch (ActivityFailure unreadable) {
      log.warn("Could not read the failed attempts of {}: {}", txNo, messageOf(unreadable));
    }
  }

  private void learn(FailedAttempts failed) {
    if (failed.count() > 0) {
      failures = failed;
      attempts = Math.max(attempts, failures.count());
      lastError = failures.recent().getLast().error();
    }
  }

  private void learnFrom(ActivityFailure failure) {
    if (!(failure.getCause() instanceof CanceledFailure)) {
      lastError = messageOf(failure);
    }
    detailsOf(failure).ifPresent(this::learn);
  }

  private static ActivityOptions deliveryOptions(
      RechargeNotification notification, NotifyPolicy policy) {
    RetrySchedule schedule = policy.schedule();
    return ActivityOptions.newBuilder()
        .setScheduleToCloseTimeout(policy.window())
        .setStartToCloseTimeout(policy.attemptTimeout())
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(schedule.delayAfterAttempt(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(schedule.longest())
                .setDoNotRetry(DeliveryFailures.DELIVERY_REJECTED)
                .build())
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setSummary(
            "Deliver "
                + notification.amount().toPlainString()
                + " to account "
                + notification.accountNo()
                + " on schedule "
                + policy.schedule())
        .build();
  }

  private static ActivityOptions reconciliationOptions(NotifyPolicy policy) {
    ActivityOptions.Builder options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(policy.attemptTimeout())
            .setRetryOptions(RECONCILIATION_RETRY)
            .setSummary("Ask account-api to reconcile with pay-api's query interface");
    if (policy.reconcileLimit() != null) {
      options.setScheduleToCloseTimeout(policy.reconcileLimit());
    }
    return options.build();
  }

  private void enter(NotifyStatus next) {
    status = next;
    Workflow.upsertTypedSearchAttributes(
        NotifySearchAttributes.NOTIFY_STATUS.valueSet(next.name()));
    Workflow.setCurrentDetails(details());
    log.info("Notification of {} is {}", txNo, next);
  }

  private NotificationState finish(NotifyStatus outcome) {
    reconcileAt = null;
    finishedAt = now();
    enter(outcome);
    return status();
  }

  private String details() {
    StringBuilder text = new StringBuilder("**").append(status).append("**");
    if (status != NotifyStatus.NOTIFYING) {
      text.append(" · ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
    }
    if (lastError != null) {
      text.append(" · last error: ").append(lastError);
    }
    if (reconcileAt != null) {
      text.append(" · reconciles at ").append(reconcileAt);
    }
    if (status == NotifyStatus.NOTIFYING) {
      text.append(" · window closes at ").append(windowClosesAt);
      text.append(" · attempts and last error: see the pending Deliver activity");
    }
    return text.toString();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
