package io.notifier.workflows.delivery;

import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.RetrySchedule;

/**
 * What to deliver, and the schedule that decides when a failed attempt is tried again.
 *
 * @param firstAttempt how the first attempt failed when the workflow made it itself; the server's
 *     attempt 1 then only records it and waits for the schedule's second attempt, so that the
 *     server's attempt numbers are the delivery's. Null when the server makes the first attempt.
 */
public record DeliveryRequest(
    RechargeNotification notification, RetrySchedule schedule, FailedAttempt firstAttempt) {}
