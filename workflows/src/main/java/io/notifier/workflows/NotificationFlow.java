package io.notifier.workflows;

import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.DeliveryProgress;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Delivers, then reconciles: what both workflow types do. Retries of the delivery run on the
 * Temporal server (the activity's retry policy, with each attempt's delay taken from the schedule),
 * bounded by a ScheduleToClose timeout equal to the window; the workflow only waits for the
 * outcome, for a {@code reconcile} signal, and for the reconciliation timer. A failed attempt adds
 * nothing to the history.
 *
 * <p>{@link NotifyWorkflowImpl} makes the first attempt itself, as a local activity in its first
 * workflow task; {@code legacy.NotifyWorkflowV1Impl}, which runs the executions started before,
 * leaves every attempt to the server and decides its later changes by {@code Workflow.getVersion}.
 * The replay tests hold the latter to the histories it recorded.
 */
public abstract class NotificationFlow {

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

  private static final Logger log = Workflow.getLogger(NotificationFlow.class);

  /**
   * Reconciliation waits for services that may still be down: it retries at most every ten minutes
   * until the policy's limit (seven days by default), then the notification ends FAILED.
   */
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

  /**
   * Whether this type makes the first attempt itself. The legacy type does not, and asks {@code
   * Workflow.getVersion} about each later change; this one has every change from its start.
   */
  private final boolean firstAttemptLocally;

  protected NotificationFlow(boolean firstAttemptLocally) {
    this.firstAttemptLocally = firstAttemptLocally;
  }

  protected final NotificationState run(NotifyRequest request) {
    RechargeNotification notification = request.notification();
    NotifyPolicy policy = request.policy();
    txNo = notification.txNo();
    windowClosesAt = now().plus(policy.window());
    Workflow.setCurrentDetails(details());

    FailedAttempt firstFailure = null;
    if (firstAttemptLocally) {
      try {
        attempts = firstAttempt(notification, policy).attempt();
        return deliveredAtOnce();
      } catch (ActivityFailure failure) {
        learnFrom(failure);
        if (isRejection(failure)) {
          return reconcileAfterRejection(policy);
        }
        firstFailure = failures.recent().isEmpty() ? null : failures.recent().getLast();
        // From here the notification is one to watch: it gets its NotifyStatus.
        enter(NotifyStatus.NOTIFYING);
      }
    }
    DeliveryActivities delivery =
        Workflow.newActivityStub(DeliveryActivities.class, deliveryOptions(notification, policy));
    DeliveryRequest deliveryRequest =
        new DeliveryRequest(notification, policy.schedule(), firstFailure);
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
          return reconcileAfterRejection(policy);
        }
        log.info("Delivery of {} ended after {} attempts: {}", txNo, attempts, lastError);
      }
    }
    return reconcile(policy);
  }

  /**
   * The first attempt, made here as a local activity inside this workflow task: a notification
   * delivered at once needs no round trip through a task queue, and its workflow completes in the
   * task that started it. It is not retried here; the server retries it, on the schedule.
   */
  private DeliveryReceipt firstAttempt(RechargeNotification notification, NotifyPolicy policy) {
    DeliveryActivities delivery =
        Workflow.newLocalActivityStub(
            DeliveryActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.attemptTimeout())
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .setSummary(deliverySummary(notification, policy) + ": first attempt")
                .build());
    return delivery.deliver(new DeliveryRequest(notification, policy.schedule(), null));
  }

  /** Waiting would not change the receiver's mind: ask the pay system now. */
  private NotificationState reconcileAfterRejection(NotifyPolicy policy) {
    log.warn("The receiver rejected the notification of {}: {}", txNo, lastError);
    reconcileRequested = true;
    return reconcile(policy);
  }

  /**
   * Whether the behaviour named {@code changeId} applies: always, but to the legacy type's past.
   */
  private boolean since(String changeId) {
    return firstAttemptLocally || Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) == 1;
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
      if (result.agreed()) {
        return finish(NotifyStatus.RECONCILED);
      }
      lastError = "pay-api knows no recharge " + txNo + ": nothing to settle";
    } catch (ActivityFailure failure) {
      // The server stops retrying when the next try would pass the limit, or times the last out.
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

  public void reconcile() {
    reconcileRequested = true;
  }

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

  /**
   * Asks the server for the failed attempts of the delivery about to be cancelled. Best effort:
   * without them the notification still reconciles, its attempts unknown.
   */
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

  /** What a delivery that did not get through leaves: its failed attempts and the last error. */
  private void learnFrom(ActivityFailure failure) {
    if (!(failure.getCause() instanceof CanceledFailure)) {
      lastError = messageOf(failure);
    }
    detailsOf(failure).ifPresent(this::learn);
  }

  /**
   * The {@link FailedAttempts} a failing attempt put in its failure; absent in histories recorded
   * before attempts carried them, and in a cancellation.
   */
  private static Optional<FailedAttempts> detailsOf(ActivityFailure failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application
          && application.getDetails().getSize() == 1) {
        return Optional.of(application.getDetails().get(FailedAttempts.class));
      }
    }
    return Optional.empty();
  }

  private ActivityOptions deliveryOptions(RechargeNotification notification, NotifyPolicy policy) {
    RetrySchedule schedule = policy.schedule();
    return ActivityOptions.newBuilder()
        // The window: the server stops retrying once the next delay would pass it.
        .setScheduleToCloseTimeout(policy.window())
        .setStartToCloseTimeout(policy.attemptTimeout())
        // Each failure carries its own delay from the schedule; this policy only applies when an
        // attempt times out or the worker dies, which carry none.
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(schedule.delayAfterAttempt(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(schedule.longest())
                .setDoNotRetry(DeliveryFailures.DELIVERY_REJECTED)
                .build())
        // A cancelled delivery reports back once the server has cancelled it (an attempt waiting
        // for its turn at once, one in flight when it ends), with the attempts it made.
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setSummary(deliverySummary(notification, policy))
        .build();
  }

  private static String deliverySummary(RechargeNotification notification, NotifyPolicy policy) {
    return "Deliver "
        + notification.amount().toPlainString()
        + " to account "
        + notification.accountNo()
        + " on schedule "
        + policy.schedule();
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

  /**
   * Delivered at the first attempt: NOTIFIED, without setting the NotifyStatus search attribute,
   * which would be one more event and one more visibility write for the most common notification of
   * all. Its workflow completed and has no NotifyStatus; every other notification has one.
   */
  private NotificationState deliveredAtOnce() {
    status = NotifyStatus.NOTIFIED;
    finishedAt = now();
    Workflow.setCurrentDetails(details());
    log.info("Notification of {} is {} at once", txNo, status);
    return status();
  }

  private NotificationState finish(NotifyStatus outcome) {
    reconcileAt = null;
    finishedAt = now();
    enter(outcome);
    return status();
  }

  /** What the Web UI shows as the workflow's current details. */
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

  private static boolean isRejection(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure cause
        && DeliveryFailures.DELIVERY_REJECTED.equals(cause.getType());
  }

  /** The innermost message: "HTTP 422 from …", not "Activity task failed". */
  private static String messageOf(ActivityFailure failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return cause.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
