package io.notifier.workflows;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard to try: the retry schedule, the time window in which delivery is attempted, how long
 * after the window reconciliation starts on its own, how long one attempt may take, and how long
 * reconciliation keeps trying before it gives up.
 *
 * <p>The policy is part of the workflow's input, so a running notification keeps the policy it
 * started with, and replaying its history never depends on today's configuration.
 *
 * @param reconcileLimit how long reconciliation retries before the notification ends FAILED; null
 *     in policies recorded before there was a limit, which keep retrying as they did then
 */
public record NotifyPolicy(
    RetrySchedule schedule,
    Duration window,
    Duration reconcileAfter,
    Duration attemptTimeout,
    Duration reconcileLimit) {

  /**
   * Past this many attempts within the window a schedule is a misconfiguration (hammering a
   * receiver), not a notification policy.
   */
  public static final int MAX_ATTEMPTS_IN_WINDOW = 500;

  public NotifyPolicy {
    Objects.requireNonNull(schedule, "schedule");
    requirePositive(window, "window");
    requirePositive(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(reconcileAfter, "reconcileAfter");
    if (reconcileAfter.isNegative()) {
      throw new IllegalArgumentException("reconcileAfter must not be negative: " + reconcileAfter);
    }
    if (reconcileLimit != null) {
      requirePositive(reconcileLimit, "reconcileLimit");
    }
    int attempts = schedule.attemptsWithin(window, MAX_ATTEMPTS_IN_WINDOW + 1);
    if (attempts > MAX_ATTEMPTS_IN_WINDOW) {
      throw new IllegalArgumentException(
          "the schedule "
              + schedule
              + " makes more than "
              + MAX_ATTEMPTS_IN_WINDOW
              + " attempts within the window of "
              + window
              + "; lengthen the intervals or shorten the window");
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
