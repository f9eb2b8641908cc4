package io.notifier.activities.delivery;

import java.time.Duration;
import java.util.Arrays;
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

  /** The schedule of the seed article (and of RocketMQ's delay levels): 1m … 10h. */
  public static final RetrySchedule SEED = parse("1m,5m,10m,30m,1h,2h,5h,10h");

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

  /**
   * Parses a comma-separated list such as {@code 1m,5m,10m,30m,1h,2h,5h,10h}; each item is a number
   * with a unit of ms, s, m, h or d, or an ISO-8601 duration such as {@code PT1M}.
   */
  public static RetrySchedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a retry schedule needs at least one interval");
    }
    return new RetrySchedule(
        Arrays.stream(text.split(",")).map(String::trim).map(Durations::parse).toList());
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

  @Override
  public String toString() {
    return String.join(",", intervals.stream().map(Durations::format).toList());
  }
}
