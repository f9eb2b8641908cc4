package io.notifier.activities;

import io.temporal.activity.ActivityInfo;
import java.time.Duration;

/**
 * How long an attempt's HTTP call may take: a little less than the attempt's StartToClose, so that
 * the attempt fails by itself, with the delay the schedule asks for. An attempt Temporal times out
 * carries no delay, and its retry falls back to the retry policy's backoff.
 */
public final class AttemptBudget {

  /** Left for the failure to reach the server before the StartToClose timeout. */
  static final Duration MARGIN = Duration.ofMillis(250);

  private AttemptBudget() {}

  /** The budget of the attempt {@code info} describes; none when it has no StartToClose. */
  public static Duration of(ActivityInfo info) {
    Duration startToClose = info.getStartToCloseTimeout();
    if (startToClose == null || startToClose.isZero()) {
      return null;
    }
    Duration budget = startToClose.minus(MARGIN);
    return budget.compareTo(MARGIN) < 0 ? startToClose.dividedBy(2) : budget;
  }
}
