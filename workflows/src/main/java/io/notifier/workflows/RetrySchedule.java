package io.notifier.workflows;

import java.time.Duration;
import java.util.List;

/**
 * The escalating intervals between delivery attempts: after attempt {@code n} fails, the next one
 * comes {@code intervals[n-1]} later; once the list is used up its last interval repeats until the
 * time window closes.
 *
 * <p>The schedule travels inside the activity's input, so each notification keeps the schedule it
 * started with even when the deployment's configuration changes while it is running.
 */
public record RetrySchedule(List<Duration> intervals) {

  public RetrySchedule {
    if (intervals == null || intervals.isEmpty()) {
      throw new IllegalArgumentException("a retry schedule needs at least one interval");
    }
    intervals = List.copyOf(intervals);
    for (Duration interval : intervals) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("retry intervals must be positive, got " + interval);
      }
    }
  }

  /** How long to wait after attempt {@code attempt} (1-based) fails. */
  public Duration delayAfterAttempt(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts are numbered from 1, got " + attempt);
    }
    return intervals.get(Math.min(attempt, intervals.size()) - 1);
  }

  /** The longest interval, used as the retry policy's cap. */
  public Duration longest() {
    return intervals.stream().max(Duration::compareTo).orElseThrow();
  }

  /**
   * How many attempts fit in {@code window}, assuming each attempt itself takes no time: the server
   * stops retrying as soon as the next delay would pass the end of the window.
   */
  public int attemptsWithin(Duration window, int cap) {
    Duration elapsed = Duration.ZERO;
    int attempts = 1;
    while (attempts < cap) {
      elapsed = elapsed.plus(delayAfterAttempt(attempts));
      if (elapsed.compareTo(window) >= 0) {
        return attempts;
      }
      attempts++;
    }
    return attempts;
  }

  /** "1m,5m,10m,…", as the configuration writes it. */
  @Override
  public String toString() {
    return String.join(",", intervals.stream().map(Durations::format).toList());
  }
}
