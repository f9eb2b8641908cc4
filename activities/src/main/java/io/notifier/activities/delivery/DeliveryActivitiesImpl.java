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

/** POSTs the notification to account-api and turns its answer into Temporal's retry decision. */
public final class DeliveryActivitiesImpl implements DeliveryActivities {

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
    JsonHttp.Response response;
    try {
      response = http.post(notificationsUri, request.notification());
    } catch (HttpCallFailed e) {
      throw retryLater(context, e.getMessage(), request.schedule());
    }
    return switch (response.outcome()) {
      case SUCCESS -> new DeliveryReceipt(context.getInfo().getAttempt(), response.status());
      case PERMANENT -> throw rejected(context, response.describe());
      case RETRYABLE -> throw retryLater(context, response.describe(), request.schedule());
    };
  }

  /**
   * The next delay comes from the schedule, by attempt number, and rides on the failure itself:
   * Temporal reads it only from the top-level ApplicationFailure, and it overrides the retry
   * policy's exponential arithmetic. The failure must have a type, or building it throws. It is
   * benign: an unreachable receiver is what this notifier exists for, not an error of the worker.
   */
  private ApplicationFailure retryLater(
      ActivityExecutionContext context, String error, RetrySchedule schedule) {
    // Attempts count from 1; TestActivityEnvironment reports 0 for the only one it runs.
    int attempt = Math.max(1, context.getInfo().getAttempt());
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_FAILED)
        .setMessage(error)
        .setDetails(record(context, error))
        .setNextRetryDelay(schedule.delayAfterAttempt(attempt))
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  private ApplicationFailure rejected(ActivityExecutionContext context, String error) {
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
            .and(new FailedAttempt(context.getInfo().getAttempt(), clock.instant(), error));
    try {
      context.heartbeat(failures);
    } catch (ActivityCompletionException cancelledOrGone) {
      // Cancelled by a reconcile request, or timed out: the failure still carries them.
    }
    return failures;
  }
}
