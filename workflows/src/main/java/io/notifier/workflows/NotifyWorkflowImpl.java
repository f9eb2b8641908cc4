package io.notifier.workflows;

import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.DeliveryProgress;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.notifier.workflows.operator.OperatorEventData;
import io.notifier.workflows.operator.OperatorEvents;
import io.notifier.workflows.outcome.NotificationOutcome;
import io.notifier.workflows.outcome.OutcomeActivities;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationFailures;
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
 * The notification of one recharge, as it runs today: deliver, then reconcile, and when neither
 * settles it, wait for an operator. Retries of the delivery run on the Temporal server (the
 * activity's retry policy, each attempt's delay taken from the schedule) within the window; the
 * workflow only waits for outcomes, signals and the reconciliation timer, so a failed attempt adds
 * nothing to the history.
 *
 * <p>The first attempt is made here, as a local activity in the first workflow task, within the
 * policy's short {@code firstAttemptTimeout}: a notification delivered at once completes in the
 * task that started it (two calls to Temporal), and a receiver that hangs holds a workflow-task
 * slot no longer than that.
 *
 * <p>It ends NOTIFIED, RECONCILED or CLOSED, and only after writing that outcome to pay-api (its
 * last activity): never FAILED. What reconciliation cannot settle is NEEDS_ATTENTION, and waits.
 */
public class NotifyWorkflowImpl implements NotifyWorkflow {

  /** Counts each entry into NEEDS_ATTENTION (Prometheus: notify_needs_attention_total). */
  public static final String NEEDS_ATTENTION_METRIC = "notify_needs_attention";

  /** Counts reconciliations that gave up after the policy's limit. */
  public static final String GAVE_UP_METRIC = "notify_reconciliation_gave_up";

  private static final Logger log = Workflow.getLogger(NotifyWorkflowImpl.class);

  /**
   * Reconciliation waits for services that may still be down: it retries at most every ten minutes
   * until the policy's limit (seven days by default), then the notification needs attention.
   */
  private static final RetryOptions RECONCILIATION_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(10))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(10))
          .setDoNotRetry(ReconciliationFailures.RECONCILIATION_REJECTED)
          .build();

  /**
   * Recording the outcome is what pay-api's table depends on: it is retried until it succeeds (a
   * database outage delays the workflow's end, never skips the record).
   */
  private static final LocalActivityOptions RECORD_OPTIONS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  /** What comes after a step. */
  private enum Step {
    DELIVER,
    AWAIT_RECONCILIATION,
    RECONCILE,
    AWAIT_OPERATOR,
    NOTIFIED,
    RECONCILED,
    CLOSE
  }

  private RechargeNotification notification;
  private NotifyPolicy policy;
  private NotifyStatus status = NotifyStatus.NOTIFYING;
  private boolean watched; // NotifyStatus set: everything but a delivery at the first attempt
  private FailedAttempts failures = FailedAttempts.NONE;
  private FailedAttempt firstFailure;
  private int attempts;
  private String lastError;
  private String lastErrorDetail;
  private String reason;
  private Instant windowClosesAt;
  private Instant reconcileAt;
  private Instant finishedAt;
  private String payResult;
  private boolean creditedByReconciliation;
  private Instant failingSince;

  private final OperatorEvents operatorEvents = new OperatorEvents();

  private boolean reconcileRequested;
  private boolean retryRequested;
  private String closeReason;

  // What the current step waits for, in a cancellation scope of its own.
  private Promise<DeliveryReceipt> receipt;
  private Promise<Void> timer;
  private Promise<ReconciliationResult> reconciliation;

  @Override
  public NotificationState notifyRecharge(NotifyRequest request) {
    notification = request.notification();
    policy = request.policy();
    // The window runs on Temporal's clock from the start, however late the first task ran.
    windowClosesAt =
        Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis())
            .plus(policy.window());
    Workflow.setCurrentDetails(details());

    Step next = firstAttempt();
    while (true) {
      switch (next) {
        case DELIVER -> next = deliver();
        case AWAIT_RECONCILIATION -> next = awaitReconciliation();
        case RECONCILE -> next = reconcileNow();
        case AWAIT_OPERATOR -> next = awaitOperator();
        case NOTIFIED -> {
          return end(NotifyStatus.NOTIFIED, "delivered at attempt " + attempts);
        }
        case RECONCILED -> {
          return end(NotifyStatus.RECONCILED, reconciledBecause());
        }
        case CLOSE -> {
          return end(NotifyStatus.CLOSED, closeReason);
        }
      }
    }
  }

  // The steps, each returning the next.

  /**
   * The first attempt, made here as a local activity inside this workflow task: a notification
   * delivered at once needs no round trip through a task queue. It is not retried here; the server
   * retries it, on the schedule, with the full attempt timeout.
   */
  private Step firstAttempt() {
    DeliveryActivities delivery =
        Workflow.newLocalActivityStub(
            DeliveryActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.firstAttemptBudget())
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .setSummary(deliverySummary() + ": first attempt")
                .build());
    Instant startedAt = now();
    try {
      attempts =
          delivery.deliver(new DeliveryRequest(notification, policy.schedule(), null)).attempt();
      return Step.NOTIFIED;
    } catch (ActivityFailure failure) {
      learnFrom(failure);
      if (failures.count() == 0) {
        // It ran out of its time budget before it could say how it failed.
        learn(
            FailedAttempts.NONE.and(
                new FailedAttempt(1, startedAt, publicErrorOf(failure), messageOf(failure))));
      }
      if (isRejection(failure)) {
        log.warn("The receiver rejected the notification of {}: {}", txNo(), lastErrorDetail);
        return Step.RECONCILE;
      }
      // The server's first attempt of the round stands for this one (see DeliveryRequest).
      firstFailure = failures.recent().getLast();
      // From here the notification is one to watch: it gets its NotifyStatus.
      enter(NotifyStatus.NOTIFYING);
      return Step.DELIVER;
    }
  }

  /**
   * A round of attempts on the server until the window closes, a reconcile or close request, or a
   * rejection. Its ScheduleToClose is what remains of the window, so the window ends when it was
   * said to, whatever came before.
   */
  private Step deliver() {
    Duration remaining = Duration.between(now(), windowClosesAt);
    if (!remaining.isPositive()) {
      return Step.AWAIT_RECONCILIATION;
    }
    DeliveryActivities delivery =
        Workflow.newActivityStub(DeliveryActivities.class, deliveryOptions(remaining));
    DeliveryRequest round =
        new DeliveryRequest(
            notification,
            policy.schedule(),
            firstFailure,
            firstFailure == null ? failures : FailedAttempts.NONE);
    firstFailure = null; // a later round's first attempt is the server's
    CancellationScope scope =
        Workflow.newCancellationScope(() -> receipt = Async.function(delivery::deliver, round));
    scope.run();

    Workflow.await(() -> receipt.isCompleted() || reconcileRequested || closeRequested());
    if (!receipt.isCompleted()) {
      // A cancelled attempt that waited for its turn reports nothing: read them first.
      readFailedAttempts();
      scope.cancel(closeRequested() ? "close requested" : "reconcile requested");
      // An attempt in flight ends on its own: it may still get through.
      Workflow.await(receipt::isCompleted);
    }
    try {
      attempts = receipt.get().attempt();
      return Step.NOTIFIED;
    } catch (ActivityFailure failure) {
      learnFrom(failure);
      if (closeRequested()) {
        return Step.CLOSE;
      }
      if (reconcileRequested) {
        return Step.RECONCILE;
      }
      if (isRejection(failure)) {
        log.warn("The receiver rejected the notification of {}: {}", txNo(), lastErrorDetail);
        return Step.RECONCILE;
      }
      log.info("Delivery of {} ended after {} attempts: {}", txNo(), attempts, lastErrorDetail);
      return Step.AWAIT_RECONCILIATION;
    }
  }

  /** The window closed: reconcile after {@code reconcileAfter}, or when told to. */
  private Step awaitReconciliation() {
    enter(NotifyStatus.RECONCILING);
    reconcileAt = windowClosesAt.plus(policy.reconcileAfter());
    Workflow.setCurrentDetails(details());
    Duration wait = Duration.between(now(), reconcileAt);
    if (wait.isPositive() && !reconcileRequested && !closeRequested()) {
      CancellationScope scope =
          Workflow.newCancellationScope(
              () ->
                  timer =
                      Workflow.newTimer(
                          wait,
                          TimerOptions.newBuilder()
                              .setSummary("Reconcile at " + reconcileAt + " unless told earlier")
                              .build()));
      scope.run();
      Workflow.await(() -> timer.isCompleted() || reconcileRequested || closeRequested());
      if (!timer.isCompleted()) {
        scope.cancel();
      }
    }
    reconcileAt = null;
    return closeRequested() ? Step.CLOSE : Step.RECONCILE;
  }

  /** Asks account-api to reconcile: RECONCILED when it concludes, otherwise an operator's turn. */
  private Step reconcileNow() {
    enter(NotifyStatus.RECONCILING);
    reconcileRequested = false;
    ReconciliationActivities reconcile =
        Workflow.newActivityStub(ReconciliationActivities.class, reconciliationOptions());
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> reconciliation = Async.function(reconcile::reconcile, txNo()));
    scope.run();
    Workflow.await(() -> reconciliation.isCompleted() || closeRequested());
    if (!reconciliation.isCompleted()) {
      scope.cancel("close requested");
      return Step.CLOSE;
    }
    reconcileRequested = false; // asked for while it ran: it just did
    try {
      ReconciliationResult found = reconciliation.get();
      payResult = found.payResult();
      creditedByReconciliation =
          found.settled() && RechargeNotification.SUCCESS.equals(found.payResult());
      if (found.concluded()) {
        return Step.RECONCILED;
      }
      reason = "pay-api's query interface knows no recharge " + txNo() + ": nothing was settled";
    } catch (ActivityFailure failure) {
      recordError(publicErrorOf(failure), messageOf(failure));
      if (failure.getRetryState() == RetryState.RETRY_STATE_TIMEOUT
          || failure.getCause() instanceof TimeoutFailure) {
        reason =
            "reconciliation gave up after " + Durations.format(reconcileLimit()) + ": " + lastError;
        Workflow.getMetricsScope().counter(GAVE_UP_METRIC).inc(1);
      } else {
        reason = "account-api refused the reconciliation: " + lastError;
      }
    }
    return Step.AWAIT_OPERATOR;
  }

  /** Neither delivery nor reconciliation settled it: an operator retries, reconciles or closes. */
  private Step awaitOperator() {
    retryRequested = false;
    enter(NotifyStatus.NEEDS_ATTENTION);
    Workflow.getMetricsScope().counter(NEEDS_ATTENTION_METRIC).inc(1);
    log.warn(
        "Notification of {} NEEDS_ATTENTION: {}. An operator may signal retry, reconcile or close",
        txNo(),
        reason);
    operatorEvents.needsAttention(eventData());
    Workflow.await(() -> retryRequested || reconcileRequested || closeRequested());
    if (closeRequested()) {
      return Step.CLOSE;
    }
    if (reconcileRequested) {
      return Step.RECONCILE;
    }
    retryRequested = false;
    reason = null;
    windowClosesAt = now().plus(policy.window());
    enter(NotifyStatus.NOTIFYING);
    return Step.DELIVER;
  }

  /**
   * Writes the outcome to pay-api, then completes. A notification delivered at its first attempt
   * gets no NotifyStatus: that spares an event and a visibility write for most notifications.
   */
  private NotificationState end(NotifyStatus outcome, String why) {
    reason = why;
    reconcileAt = null;
    finishedAt = now();
    OutcomeActivities record =
        Workflow.newLocalActivityStub(
            OutcomeActivities.class,
            LocalActivityOptions.newBuilder(RECORD_OPTIONS)
                .setSummary("Record " + outcome + " in pay-api's account_pay")
                .build());
    record.recordOutcome(
        new NotificationOutcome(
            txNo(), outcome, finishedAt, attempts, payResult, reason, lastError));
    if (watched) {
      enter(outcome);
    } else {
      status = outcome;
      Workflow.setCurrentDetails(details());
      log.info("Notification of {} is {} at once", txNo(), status);
    }
    // After the outcome is recorded and published: an event never delays either.
    if (outcome == NotifyStatus.NOTIFIED && failingSince != null) {
      operatorEvents.receiverRecovered(eventData());
    } else if (outcome == NotifyStatus.RECONCILED && creditedByReconciliation) {
      operatorEvents.reconciled(eventData());
    }
    return status();
  }

  /** The notification as an operator event tells it. */
  private OperatorEventData eventData() {
    return new OperatorEventData(
        txNo(),
        Workflow.getInfo().getWorkflowId(),
        notification.accountNo(),
        notification.amount(),
        status.name(),
        attempts,
        reason,
        lastError,
        payResult,
        failingSince);
  }

  // Signals and the query.

  @Override
  public void reconcile() {
    if (status.finished()) {
      return;
    }
    reconcileRequested = true;
  }

  @Override
  public void retry() {
    if (status != NotifyStatus.NEEDS_ATTENTION) {
      log.info("Ignored retry of {}: it is {}, not NEEDS_ATTENTION", txNo(), status);
      return;
    }
    retryRequested = true;
  }

  @Override
  public void close(String reason) {
    if (reason == null || reason.isBlank()) {
      log.warn("Ignored close of {} without a reason: an operator's close must say why", txNo());
      return;
    }
    if (closeReason == null && !status.finished()) {
      closeReason = reason.strip();
    }
  }

  @Override
  public NotificationState status() {
    return new NotificationState(
        txNo(),
        Workflow.getInfo().getWorkflowId(),
        status,
        attempts,
        lastError,
        reconcileAt,
        windowClosesAt,
        finishedAt,
        payResult,
        failures.recent(),
        reason,
        lastErrorDetail);
  }

  // What the workflow learns of its activities.

  /**
   * Asks the server for the failed attempts of the delivery about to be cancelled. Best effort:
   * without them the notification still goes on, its latest attempts unknown.
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
      log.warn("Could not read the failed attempts of {}: {}", txNo(), messageOf(unreadable));
    }
  }

  private void learn(FailedAttempts failed) {
    if (failed.count() > failures.count()) {
      failures = failed;
      if (failingSince == null) {
        failingSince = failed.recent().getFirst().at();
      }
      attempts = Math.max(attempts, failed.count());
      FailedAttempt last = failed.recent().getLast();
      recordError(last.error(), last.detailOrError());
    }
  }

  /** What a delivery that did not get through leaves: its failed attempts and the last error. */
  private void learnFrom(ActivityFailure failure) {
    Optional<FailedAttempts> failed = attemptsOf(failure);
    if (failed.isPresent()) {
      learn(failed.get());
    } else if (!(failure.getCause() instanceof CanceledFailure)) {
      recordError(publicErrorOf(failure), messageOf(failure));
    }
  }

  private void recordError(String error, String detail) {
    lastError = error;
    lastErrorDetail = detail;
  }

  /** The {@link FailedAttempts} a failing delivery attempt put in its failure. */
  private static Optional<FailedAttempts> attemptsOf(ActivityFailure failure) {
    return applicationFailureOf(failure)
        .filter(application -> DeliveryFailures.ALL.contains(application.getType()))
        .filter(application -> application.getDetails().getSize() == 1)
        .map(application -> application.getDetails().get(FailedAttempts.class));
  }

  /**
   * What anyone may read of a failure: the activity's own words where it gave them (they name no
   * address nor exception), otherwise what kind of failure it was.
   */
  private static String publicErrorOf(ActivityFailure failure) {
    Optional<FailedAttempts> delivery = attemptsOf(failure).filter(failed -> failed.count() > 0);
    if (delivery.isPresent()) {
      return delivery.get().recent().getLast().error();
    }
    Optional<ApplicationFailure> reconciliation =
        applicationFailureOf(failure)
            .filter(application -> ReconciliationFailures.ALL.contains(application.getType()))
            .filter(application -> application.getDetails().getSize() == 1);
    if (reconciliation.isPresent()) {
      return reconciliation.get().getDetails().get(FailedAttempt.class).error();
    }
    if (failure.getCause() instanceof TimeoutFailure) {
      return "an attempt did not finish in time";
    }
    return "the attempt failed";
  }

  private static Optional<ApplicationFailure> applicationFailureOf(ActivityFailure failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application) {
        return Optional.of(application);
      }
    }
    return Optional.empty();
  }

  private static boolean isRejection(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure cause
        && DeliveryFailures.DELIVERY_REJECTED.equals(cause.getType());
  }

  /** The innermost message, in full: for operators, the logs and the Web UI. */
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

  // Options and words.

  private ActivityOptions deliveryOptions(Duration remainingWindow) {
    RetrySchedule schedule = policy.schedule();
    return ActivityOptions.newBuilder()
        // What remains of the window: the server stops retrying once the next delay would pass it.
        .setScheduleToCloseTimeout(remainingWindow)
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
        .setSummary(deliverySummary())
        .build();
  }

  private ActivityOptions reconciliationOptions() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(policy.attemptTimeout())
        .setScheduleToCloseTimeout(reconcileLimit())
        .setRetryOptions(RECONCILIATION_RETRY)
        .setSummary("Ask account-api to reconcile with pay-api's query interface")
        .build();
  }

  /** Every policy of this type has a limit; the default stands in should one arrive without. */
  private Duration reconcileLimit() {
    return policy.reconcileLimit() != null ? policy.reconcileLimit() : Duration.ofDays(7);
  }

  private String deliverySummary() {
    return "Deliver "
        + notification.amount().toPlainString()
        + " to account "
        + notification.accountNo()
        + " on schedule "
        + policy.schedule();
  }

  private String reconciledBecause() {
    if (ReconciliationResult.FAIL.equals(payResult)) {
      return "reconciled: pay-api reports the payment failed, nothing is owed";
    }
    return "reconciled: pay-api reports " + payResult + ", the account is credited";
  }

  private boolean closeRequested() {
    return closeReason != null;
  }

  private void enter(NotifyStatus next) {
    if (watched && status == next) {
      return; // published already: an upsert of the same value would be one more event
    }
    status = next;
    watched = true;
    Workflow.upsertTypedSearchAttributes(
        NotifySearchAttributes.NOTIFY_STATUS.valueSet(next.name()));
    Workflow.setCurrentDetails(details());
    log.info("Notification of {} is {}", txNo(), next);
  }

  /** What the Web UI shows as the workflow's current details. */
  private String details() {
    StringBuilder text = new StringBuilder("**").append(status).append("**");
    if (status != NotifyStatus.NOTIFYING) {
      text.append(" · ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
    }
    if (reason != null) {
      text.append(" · ").append(reason);
    }
    if (lastErrorDetail != null) {
      text.append(" · last error: ").append(lastErrorDetail);
    }
    if (reconcileAt != null) {
      text.append(" · reconciles at ").append(reconcileAt);
    }
    if (status == NotifyStatus.NOTIFYING) {
      text.append(" · window closes at ").append(windowClosesAt);
      text.append(" · attempts and last error: see the pending Deliver activity");
    }
    if (status == NotifyStatus.NEEDS_ATTENTION) {
      text.append(" · signal retry, reconcile, or close with a reason");
    }
    return text.toString();
  }

  private String txNo() {
    return notification.txNo();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
