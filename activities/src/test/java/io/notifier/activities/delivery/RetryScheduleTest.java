package io.notifier.activities.delivery;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  @Test
  void theSeedScheduleEscalatesFromOneMinuteToTenHours() {
    assertThat(RetrySchedule.SEED.intervals())
        .containsExactly(
            ofMinutes(1),
            ofMinutes(5),
            ofMinutes(10),
            ofMinutes(30),
            ofHours(1),
            ofHours(2),
            ofHours(5),
            ofHours(10));
  }

  @Test
  void theDelayAfterAnAttemptIsTheIntervalAtItsNumberAndTheLastOneRepeats() {
    assertThat(RetrySchedule.SEED.delayAfterAttempt(1)).isEqualTo(ofMinutes(1));
    assertThat(RetrySchedule.SEED.delayAfterAttempt(4)).isEqualTo(ofMinutes(30));
    assertThat(RetrySchedule.SEED.delayAfterAttempt(8)).isEqualTo(ofHours(10));
    assertThat(RetrySchedule.SEED.delayAfterAttempt(30)).isEqualTo(ofHours(10));
  }

  @Test
  void aDayHoldsNineAttemptsOfTheSeedSchedule() {
    // t+0, 1m, 6m, 16m, 46m, 1h46m, 3h46m, 8h46m, 18h46m; the next would come at 28h46m.
    assertThat(RetrySchedule.SEED.attemptsWithin(ofHours(24), 100)).isEqualTo(9);
  }

  @Test
  void parsesShortAndIsoDurations() {
    RetrySchedule schedule = RetrySchedule.parse(" 500ms, 2s ,4m,1h, 1d, PT90S");

    assertThat(schedule.intervals())
        .containsExactly(
            Duration.ofMillis(500),
            ofSeconds(2),
            ofMinutes(4),
            ofHours(1),
            Duration.ofDays(1),
            ofSeconds(90));
    assertThat(schedule).hasToString("500ms,2s,4m,1h,1d,90s");
  }

  @Test
  void rejectsAnEmptyScheduleAndNonPositiveOrUnreadableIntervals() {
    assertThatIllegalArgumentException().isThrownBy(() -> RetrySchedule.parse(""));
    assertThatIllegalArgumentException().isThrownBy(() -> RetrySchedule.parse("1m,0s"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetrySchedule.parse("1m,soon"))
        .withMessageContaining("'soon' is not a duration");
  }
}
