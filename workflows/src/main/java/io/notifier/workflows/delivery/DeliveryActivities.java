package io.notifier.workflows.delivery;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Delivers a recharge result to the account system's notification endpoint. */
@ActivityInterface
public interface DeliveryActivities {

  /**
   * One attempt: POSTs the notification and returns when the receiver answered 2xx. Run as a local
   * activity for the first attempt, in the workflow's first task; retried on the server for the
   * others, whose attempt 1 stands for that first one ({@link DeliveryRequest#firstAttempt()}).
   *
   * <p>A failure that may heal throws a retryable {@link DeliveryFailures#DELIVERY_FAILED} carrying
   * the schedule's next delay; a refusal for good throws a non-retryable {@link
   * DeliveryFailures#DELIVERY_REJECTED}. Either way the failure's details, and the attempt's
   * heartbeat details, hold the {@link FailedAttempts} so far: that is how the next attempt, {@code
   * temporal workflow describe} and pay-api's status endpoint learn of each failed attempt without
   * a word to the workflow, whose history stays as short at the ninth attempt as at the first.
   */
  @ActivityMethod
  DeliveryReceipt deliver(DeliveryRequest request);
}
