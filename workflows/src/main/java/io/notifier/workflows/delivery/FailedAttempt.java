package io.notifier.workflows.delivery;

import java.time.Instant;

/**
 * One failed delivery attempt.
 *
 * @param attempt the attempt's number, from 1
 * @param at when it started (in histories recorded before 2026-12: when it failed); the schedule
 *     runs from one attempt's start to the next one's
 * @param error what went wrong, for anyone: "account-api answered HTTP 503", "no answer from
 *     account-api within 10s"; it names no address and no exception
 * @param detail what went wrong in full, for operators: the request's URL, the answer's start or
 *     the exception; null in histories recorded before it was kept
 */
public record FailedAttempt(int attempt, Instant at, String error, String detail) {

  public FailedAttempt(int attempt, Instant at, String error) {
    this(attempt, at, error, null);
  }

  /** The full detail where there is one, else what anyone may read. */
  public String detailOrError() {
    return detail != null ? detail : error;
  }
}
