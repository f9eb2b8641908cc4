package io.notifier.activities.delivery;

import io.notifier.activities.http.HttpCallFailed;
import io.notifier.activities.http.JsonHttp;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;

/** POSTs the notification to account-api and turns its answer into Temporal's retry decision. */
public final class DeliveryActivitiesImpl implements DeliveryActivities {

  private final JsonHttp http;
  private final URI notificationsUri;
  private final AttemptReporter reporter;

  /**
   * @param notificationsUri the receiver's endpoint, such as
   *     http://127.0.0.1:8082/api/notifications
   */
  public DeliveryActivitiesImpl(JsonHttp http, URI notificationsUri, AttemptReporter reporter) {
    this.http = http;
    this.notificationsUri = notificationsUri;
    this.reporter = reporter;
  }

  @Override
  public DeliveryReceipt deliver(DeliveryRequest request) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    JsonHttp.Response response;
    try {
      response = http.post(notificationsUri, request.notification());
    } catch (HttpCallFailed e) {
      throw retryLater(info, e.getMessage(), request.schedule());
    }
    return switch (response.outcome()) {
      case SUCCESS -> new DeliveryReceipt(info.getAttempt(), response.status());
      case PERMANENT -> throw rejected(info, response.describe());
      case RETRYABLE -> throw retryLater(info, response.describe(), request.schedule());
    };
  }

  /**
   * The next delay comes from the schedule, by attempt number, and rides on the failure itself:
   * Temporal reads it only from the top-level ApplicationFailure, and it overrides the retry
   * policy's exponential arithmetic. The failure must have a type, or building it throws.
   */
  private ApplicationFailure retryLater(ActivityInfo info, String error, RetrySchedule schedule) {
    Duration delay = schedule.delayAfterAttempt(info.getAttempt());
    report(info, new DeliveryAttemptFailure(info.getAttempt(), error, true, delay));
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_FAILED)
        .setMessage(error)
        .setNextRetryDelay(delay)
        .build();
  }

  private ApplicationFailure rejected(ActivityInfo info, String error) {
    report(info, new DeliveryAttemptFailure(info.getAttempt(), error, false, null));
    return ApplicationFailure.newBuilder()
        .setType(DeliveryFailures.DELIVERY_REJECTED)
        .setMessage(error)
        .setNonRetryable(true)
        .build();
  }

  private void report(ActivityInfo info, DeliveryAttemptFailure failure) {
    reporter.report(info.getWorkflowId(), info.getWorkflowRunId(), failure);
  }
}
