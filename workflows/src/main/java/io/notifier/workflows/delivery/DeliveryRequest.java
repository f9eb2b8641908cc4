package io.notifier.workflows.delivery;

import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.RetrySchedule;

/**
 * What to deliver, and the schedule that decides when a failed attempt is tried again.
 *
 * <p>A delivery is one round of attempts on the schedule: the first round when the notification
 * starts, another when an operator asks to {@code retry}. The server numbers the attempts of a
 * round from 1; the notification's attempt numbers go on across rounds.
 *
 * @param firstAttempt how the round's first attempt failed when the workflow made it itself; the
 *     server's attempt 1 then only records it and waits for the schedule's second attempt, so that
 *     the server's attempt numbers are the round's. Null when the server makes the first attempt.
 * @param earlier the failed attempts of earlier rounds; null (or none) in the first round
 */
public record DeliveryRequest(
    RechargeNotification notification,
    RetrySchedule schedule,
    FailedAttempt firstAttempt,
    FailedAttempts earlier) {

  public DeliveryRequest {
    earlier = earlier == null ? FailedAttempts.NONE : earlier;
  }

  /** A first round, as the retired workflow types ask for it. */
  public DeliveryRequest(
      RechargeNotification notification, RetrySchedule schedule, FailedAttempt firstAttempt) {
    this(notification, schedule, firstAttempt, FailedAttempts.NONE);
  }

  /** The notification's number of the round's attempt {@code attemptInRound} (from 1). */
  public int attemptNumber(int attemptInRound) {
    return earlier.count() + attemptInRound;
  }
}
