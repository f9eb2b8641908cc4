package io.notifier.activities;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.RetrySchedule;
import java.util.List;

/**
 * The seed article's policy, which is also pay-api's default: attempts 1m, 5m, 10m, 30m, 1h, 2h,
 * 5h, 10h apart (RocketMQ's delay levels) within 24 hours, reconciliation an hour after the window,
 * given up after a week; each attempt 30 s at most, the first, in the workflow task, 2 s.
 */
public final class SeedPolicy {

  public static final RetrySchedule SCHEDULE =
      new RetrySchedule(
          List.of(
              ofMinutes(1),
              ofMinutes(5),
              ofMinutes(10),
              ofMinutes(30),
              ofHours(1),
              ofHours(2),
              ofHours(5),
              ofHours(10)));

  public static final NotifyPolicy POLICY =
      new NotifyPolicy(SCHEDULE, ofHours(24), ofHours(1), ofSeconds(30), ofDays(7), ofSeconds(2));

  /** As the retired types recorded it: no first-attempt budget, and no reconciliation limit. */
  public static final NotifyPolicy UNLIMITED =
      new NotifyPolicy(SCHEDULE, ofHours(24), ofHours(1), ofSeconds(30), null);

  private SeedPolicy() {}
}
