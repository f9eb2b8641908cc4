package io.notifier.activities.delivery;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Delivers a recharge result to the account system's notification endpoint. */
@ActivityInterface
public interface DeliveryActivities {

  /**
   * The signal a failing attempt sends to its own workflow. Temporal retries an activity on the
   * server, out of the workflow's sight; this signal is how the workflow (and its history in the
   * Web UI) learns of each failed attempt, its error and when the next one comes.
   */
  String ATTEMPT_FAILED_SIGNAL = "deliveryAttemptFailed";

  /**
   * One attempt: POSTs the notification and returns when the receiver answered 2xx. A failure that
   * may heal (5xx, 408, 429, timeout, refused connection) throws a retryable failure carrying the
   * schedule's next delay; any other 4xx throws a non-retryable one.
   */
  @ActivityMethod
  DeliveryReceipt deliver(DeliveryRequest request);
}
