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
 * @param reconcileLimit how long reconciliation retries before the notification needs an operator's
 *     attention; null in policies recorded before there was a limit
 * @param firstAttemptTimeout how long the first attempt, made inside the workflow's first task, may
 *     take before it counts as failed and the server retries it with {@code attemptTimeout}: it
 *     holds a workflow-task slot while it runs. Null in policies recorded before it was set.
 */
public record NotifyPolicy(
    RetrySchedule schedule,
    Duration window,
    Duration reconcileAfter,
    Duration attemptTimeout,
    Duration reconcileLimit,
    Duration firstAttemptTimeout) {

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
    if (firstAttemptTimeout != null) {
      requirePositive(firstAttemptTimeout, "firstAttemptTimeout");
      if (firstAttemptTimeout.compareTo(attemptTimeout) > 0) {
        throw new IllegalArgumentException(
            "firstAttemptTimeout ("
                + Durations.format(firstAttemptTimeout)
                + ") must not exceed attemptTimeout ("
                + Durations.format(attemptTimeout)
                + ")");
      }
    }
    int attempts = schedule.attemptsWithin(window, MAX_ATTEMPTS_IN_WINDOW + 1);
    if (attempts > MAX_ATTEMPTS_IN_WINDOW) {
      throw new IllegalArgumentException(
          "the schedule "
              + schedule
              + " makes more than "
              + MAX_ATTEMPTS_IN_WINDOW
              + " attempts within the window of "
              + Durations.format(window)
              + "; lengthen the intervals or shorten the window");
    }
  }

  /** A policy as the retired workflow types recorded it: the first attempt as long as the rest. */
  public NotifyPolicy(
      RetrySchedule schedule,
      Duration window,
      Duration reconcileAfter,
      Duration attemptTimeout,
      Duration reconcileLimit) {
    this(schedule, window, reconcileAfter, attemptTimeout, reconcileLimit, null);
  }

  /** The first attempt's time budget: its own, or that of every attempt in older policies. */
  public Duration firstAttemptBudget() {
    return firstAttemptTimeout != null ? firstAttemptTimeout : attemptTimeout;
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
