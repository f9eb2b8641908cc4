package io.notifier.workflows.operator;

import java.time.Duration;

/**
 * Whether and how operator events are sent, as the worker is configured at the moment of an event:
 * read by a local activity, so a running notification follows today's configuration and its history
 * still replays.
 *
 * @param enabled an operator URL is configured
 * @param window how long an event is retried before it is given up
 * @param recoveredPeriod at most one {@code receiver.recovered} per period of this length
 */
public record OperatorEventSettings(boolean enabled, Duration window, Duration recoveredPeriod) {

  public static final OperatorEventSettings DISABLED =
      new OperatorEventSettings(false, Duration.ofDays(3), Duration.ofMinutes(10));
}
