package io.notifier.workflows;

import io.notifier.activities.RechargeNotification;
import io.notifier.activities.delivery.DeliveryActivities;
import io.notifier.activities.delivery.DeliveryAttemptFailure;
import io.notifier.activities.delivery.DeliveryFailures;
import io.notifier.activities.delivery.DeliveryReceipt;
import io.notifier.activities.delivery.DeliveryRequest;
import io.notifier.activities.delivery.RetrySchedule;
import io.notifier.activities.reconciliation.ReconciliationActivities;
import io.notifier.activities.reconciliation.ReconciliationResult;
import io.notifier.workflows.NotificationStatus.FailedAttempt;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

/**
 * Delivers, then reconciles. Retries of the delivery run on the Temporal server (the activity's
 * retry policy, with each attempt's delay taken from the schedule), bounded by a ScheduleToClose
 * timeout equal to the window; the workflow only waits for the outcome, for a {@code reconcile}
 * signal, and for the reconciliation timer.
 */
public class NotifyWorkflowImpl implements NotifyWorkflow {

  private static final Logger log = Workflow.getLogger(NotifyWorkflowImpl.class);

  /** How many failed attempts the status keeps; the count of all of them is kept apart. */
  static final int RECENT_FAILURES = 20;

  /**
   * Reconciliation waits for services that may still be down, so it retries without a deadline, at
   * most every ten minutes; an operator can always terminate the workflow.
   */
  private static final RetryOptions RECONCILIATION_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(10))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(10))
          .build();

  private final Deque<FailedAttempt> recentFailures = new ArrayDeque<>();
  private String txNo;
  private NotifyStatus status = NotifyStatus.NOTIFYING;
  private int attempts;
  private String lastError;
  private Instant nextAttemptAt;
  private Instant windowClosesAt;
  private Instant finishedAt;
  private String payResult;
  private boolean reconcileRequested;
  private Promise<DeliveryReceipt> receipt;

  @Override
  public NotificationStatus notifyRecharge(NotifyRequest request) {
    RechargeNotification notification = request.notification();
    NotifyPolicy policy = request.policy();
    txNo = notification.txNo();
    windowClosesAt = now().plus(policy.window());
    Workflow.setCurrentDetails(details());

    DeliveryActivities delivery =
        Workflow.newActivityStub(DeliveryActivities.class, deliveryOptions(notification, policy));
    DeliveryRequest deliveryRequest = new DeliveryRequest(notification, policy.schedule());
    CancellationScope deliveryScope =
        Workflow.newCancellationScope(
            () -> receipt = Async.function(delivery::deliver, deliveryRequest));
    deliveryScope.run();

    Workflow.await(() -> receipt.isCompleted() || reconcileRequested);
    if (receipt.isCompleted()) {
      try {
        DeliveryReceipt delivered = receipt.get();
        attempts = Math.max(attempts, delivered.attempt());
        return finish(NotifyStatus.NOTIFIED);
      } catch (ActivityFailure failure) {
        lastError = messageOf(failure);
        if (isRejection(failure)) {
          return finish(NotifyStatus.FAILED);
        }
        log.info("Delivery window closed for {} after {} attempts", txNo, attempts);
      }
    } else {
      // The pending attempt is abandoned; if it was in flight and gets through after all, the
      // receiver's de-duplication makes the reconciliation below a no-op.
      deliveryScope.cancel("reconcile signal");
    }
    return reconcile(policy);
  }

  private NotificationStatus reconcile(NotifyPolicy policy) {
    enter(NotifyStatus.RECONCILING);
    if (!reconcileRequested) {
      Instant reconcileAt = windowClosesAt.plus(policy.reconcileAfter());
      nextAttemptAt = reconcileAt;
      Workflow.setCurrentDetails(details());
      Duration wait = Duration.between(now(), reconcileAt);
      if (wait.isPositive()) {
        Workflow.await(wait, () -> reconcileRequested);
      }
    }
    nextAttemptAt = null;
    ReconciliationActivities reconciliation =
        Workflow.newActivityStub(ReconciliationActivities.class, reconciliationOptions(policy));
    try {
      ReconciliationResult result = reconciliation.reconcile(txNo);
      payResult = result.payResult();
      if (result.accountSettled()) {
        return finish(NotifyStatus.RECONCILED);
      }
      lastError =
          "pay-api reports result '" + result.payResult() + "' for " + txNo + ": nothing to settle";
    } catch (ActivityFailure failure) {
      lastError = "reconciliation failed: " + messageOf(failure);
    }
    return finish(NotifyStatus.FAILED);
  }

  @Override
  public void reconcile() {
    reconcileRequested = true;
  }

  @Override
  public void deliveryAttemptFailed(DeliveryAttemptFailure failure) {
    Instant now = now();
    attempts = Math.max(attempts, failure.attempt());
    lastError = failure.error();
    Instant next = failure.nextAttemptIn() == null ? null : now.plus(failure.nextAttemptIn());
    // The server gives up as soon as the next delay would pass the end of the window.
    nextAttemptAt =
        next == null || windowClosesAt == null || next.isAfter(windowClosesAt) ? null : next;
    recentFailures.addLast(new FailedAttempt(failure.attempt(), now, failure.error()));
    while (recentFailures.size() > RECENT_FAILURES) {
      recentFailures.removeFirst();
    }
    if (status == NotifyStatus.NOTIFYING) {
      Workflow.setCurrentDetails(details());
    }
  }

  @Override
  public NotificationStatus status() {
    return new NotificationStatus(
        txNo,
        Workflow.getInfo().getWorkflowId(),
        status,
        attempts,
        lastError,
        nextAttemptAt,
        windowClosesAt,
        finishedAt,
        payResult,
        List.copyOf(recentFailures));
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
        .setSummary(
            "Deliver "
                + notification.amount().toPlainString()
                + " to account "
                + notification.accountNo()
                + " on schedule "
                + schedule)
        .build();
  }

  private static ActivityOptions reconciliationOptions(NotifyPolicy policy) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(policy.attemptTimeout())
        .setRetryOptions(RECONCILIATION_RETRY)
        .setSummary("Query pay-api and settle the account")
        .build();
  }

  private void enter(NotifyStatus next) {
    status = next;
    Workflow.upsertTypedSearchAttributes(
        NotifySearchAttributes.NOTIFY_STATUS.valueSet(next.name()));
    Workflow.setCurrentDetails(details());
    log.info("Notification of {} is {}", txNo, next);
  }

  private NotificationStatus finish(NotifyStatus outcome) {
    nextAttemptAt = null;
    finishedAt = now();
    enter(outcome);
    return status();
  }

  /** What the Web UI shows as the workflow's current details. */
  private String details() {
    StringBuilder text = new StringBuilder("**").append(status).append("** · ");
    text.append(attempts).append(attempts == 1 ? " attempt" : " attempts");
    if (lastError != null) {
      text.append(" · last error: ").append(lastError);
    }
    if (nextAttemptAt != null) {
      text.append(status == NotifyStatus.RECONCILING ? " · reconciles at " : " · next attempt at ")
          .append(nextAttemptAt);
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
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    return cause.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
