package io.notifier.workflows.delivery;

import java.time.Instant;

/**
 * One failed delivery attempt.
 *
 * @param attempt the attempt's number, from 1
 * @param at when it failed
 * @param error what went wrong, for people: "HTTP 503 from …", "cannot connect to …"
 */
public record FailedAttempt(int attempt, Instant at, String error) {}
