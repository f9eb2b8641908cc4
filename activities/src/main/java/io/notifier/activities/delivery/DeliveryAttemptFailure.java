package io.notifier.activities.delivery;

import java.time.Duration;

/**
 * What one failed attempt reports to its workflow.
 *
 * @param attempt the attempt's number, from 1
 * @param error what went wrong, for people: "HTTP 503 from …", "connection refused …"
 * @param retryable whether the schedule will try again (a permanent rejection is not)
 * @param nextAttemptIn the delay before the next attempt, or null when there is none
 */
public record DeliveryAttemptFailure(
    int attempt, String error, boolean retryable, Duration nextAttemptIn) {}
