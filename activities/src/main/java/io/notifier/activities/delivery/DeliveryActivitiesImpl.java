package io.notifier.activities.delivery;

import io.notifier.activities.http.HttpCallFailed;
import io.notifier.activities.http.JsonHttp;
import io.notifier.workflows.RetrySchedule;
import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** POSTs the notification to account-api and turns its answer into Temporal's retry decision. */
public final class DeliveryActivitiesImpl implements DeliveryActivities {

  /**
   * The shortest wait for the second attempt, when the first was made longer ago than the delay.
   */
  private static final Duration SOON = Duration.ofMillis(1);

  /** Counts notifications the receiver refused for good (Prometheus: ..._total). */
  public static final String REJECTED_METRIC = "notify_delivery_rejected";

  private final JsonHttp http;
  private final URI notificationsUri;
  private final Clock clock;

  /**
   * @param notificationsUri the receiver's endpoint, such as
   *     http://127.0.0.1:8082/api/notifications
   */
  public DeliveryActivitiesImpl(JsonHttp http, URI notificationsUri, Clock clock) {
    this.http = http;
    this.notificationsUri = notificationsUri;
    this.clock = clock;
  }

  @Override
  public DeliveryReceipt deliver(DeliveryRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    if (request.firstAttempt() != null && attemptOf(context) == 1 && !context.getInfo().isLocal()) {
      throw firstAttemptMadeBefore(context, request);
    }
    JsonHttp.Response response;
    try {
      response = http.post(notificationsUri, request.notification());
    } catch (HttpCallFailed e) {
      throw retryLater(
          context, e.getMessage(), request.schedule().delayAfterAttempt(attemptOf(context)));
    }
    return switch (response.outcome()) {
      case SUCCESS -> new DeliveryReceipt(context.getInfo().getAttempt(), response.status());
      case REJECTED -> throw rejected(context, response.describe());
      case RETRYABLE ->
          throw retryLater(
              context,
              response.describe(),
              later(request.schedule(), context, response.retryAfter(clock.instant())));
    };
  }

  /**
   * The schedule's delay after this attempt, or longer when the receiver asked for it with
   * Retry-After: the later of the two. The window still bounds it, on the server.
   */
  private static Duration later(
      RetrySchedule schedule, ActivityExecutionContext context, Optional<Duration> retryAfter) {
    Duration scheduled = schedule.delayAfterAttempt(attemptOf(context));
    return retryAfter.filter(asked -> asked.compareTo(scheduled) > 0).orElse(scheduled);
  }

  /**
   * The next delay comes from the schedule, by attempt number, and rides on the failure itself:
   * Temporal reads it only from the top-level ApplicationFailure, and it overrides the retry
   * policy's exponential arithmetic. The failure must have a type, or building it throws. It is
   * benign: an unreachable receiver is what this notifier exists for, not an error of the worker.
   */
  private ApplicationFailure retryLater(
      ActivityExecutionContext context, String error, Duration delay) {
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_FAILED)
        .setMessage(error)
        .setDetails(record(context, error))
        .setNextRetryDelay(delay)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  /**
   * The workflow made the first attempt itself, which failed: the server's attempt 1 is that one.
   * It records the failure where the next attempts and {@code describe} read it, and asks the
   * server to come back when the schedule's second attempt is due, measured from the first.
   */
  private ApplicationFailure firstAttemptMadeBefore(
      ActivityExecutionContext context, DeliveryRequest request) {
    FailedAttempt first = request.firstAttempt();
    FailedAttempts failures = FailedAttempts.NONE.and(first);
    heartbeat(context, failures);
    Duration wait =
        Duration.between(clock.instant(), first.at().plus(request.schedule().delayAfterAttempt(1)));
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_FAILED)
        .setMessage(first.error())
        .setDetails(failures)
        // Never zero: the server reads a zero delay as no retry at all (RETRY_STATE_TIMEOUT).
        .setNextRetryDelay(wait.compareTo(SOON) < 0 ? SOON : wait)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  /** Attempts count from 1; TestActivityEnvironment reports 0 for the only one it runs. */
  private static int attemptOf(ActivityExecutionContext context) {
    return Math.max(1, context.getInfo().getAttempt());
  }

  /**
   * Not benign: a receiver that refuses notifications is what an operator wants to hear of, and
   * {@value #REJECTED_METRIC} counts them for an alert.
   */
  private ApplicationFailure rejected(ActivityExecutionContext context, String error) {
    context.getMetricsScope().counter(REJECTED_METRIC).inc(1);
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_REJECTED)
        .setMessage(error)
        .setDetails(record(context, error))
        .setNonRetryable(true)
        .build();
  }

  /**
   * Adds this attempt to the failed attempts the previous one left in its heartbeat details, and
   * leaves them in this attempt's: the server keeps them with the pending activity, for the next
   * attempt and for anyone who describes the workflow.
   */
  private FailedAttempts record(ActivityExecutionContext context, String error) {
    FailedAttempts failures =
        context
            .getHeartbeatDetails(FailedAttempts.class)
            .orElse(FailedAttempts.NONE)
            .and(new FailedAttempt(attemptOf(context), clock.instant(), error));
    heartbeat(context, failures);
    return failures;
  }

  /** A local attempt's heartbeat goes nowhere: its failure carries them to the workflow. */
  private static void heartbeat(ActivityExecutionContext context, FailedAttempts failures) {
    try {
      context.heartbeat(failures);
    } catch (ActivityCompletionException cancelledOrGone) {
      // Cancelled by a reconcile request, or timed out: the failure still carries them.
    }
  }
}
