package io.notifier.workflows;

import static io.notifier.workflows.support.SeedPolicy.SCHEDULE;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  @Test
  void theDelayAfterAnAttemptIsTheIntervalAtItsNumberAndTheLastOneRepeats() {
    assertThat(SCHEDULE.delayAfterAttempt(1)).isEqualTo(ofMinutes(1));
    assertThat(SCHEDULE.delayAfterAttempt(4)).isEqualTo(ofMinutes(30));
    assertThat(SCHEDULE.delayAfterAttempt(8)).isEqualTo(ofHours(10));
    assertThat(SCHEDULE.delayAfterAttempt(30)).isEqualTo(ofHours(10));
  }

  @Test
  void aDayHoldsNineAttemptsOfTheSeedSchedule() {
    // t+0, 1m, 6m, 16m, 46m, 1h46m, 3h46m, 8h46m, 18h46m; the next would come at 28h46m.
    assertThat(SCHEDULE.attemptsWithin(ofHours(24), 100)).isEqualTo(9);
  }

  @Test
  void itReadsAsTheConfigurationWritesIt() {
    assertThat(SCHEDULE).hasToString("1m,5m,10m,30m,1h,2h,5h,10h");
    assertThat(new RetrySchedule(List.of(ofMillis(500), ofSeconds(2), ofSeconds(90), ofHours(24))))
        .hasToString("500ms,2s,90s,1d");
  }

  @Test
  void rejectsAnEmptyScheduleAndNonPositiveIntervals() {
    assertThatIllegalArgumentException().isThrownBy(() -> new RetrySchedule(List.of()));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetrySchedule(List.of(ofMinutes(1), Duration.ZERO)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetrySchedule(List.of(ofSeconds(-1))));
  }
}
