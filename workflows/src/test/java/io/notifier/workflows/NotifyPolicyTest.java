package io.notifier.workflows;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.notifier.activities.delivery.RetrySchedule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotifyPolicyTest {

  private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

  @Test
  void aScheduleThatWouldHammerTheReceiverIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new NotifyPolicy(
                    RetrySchedule.parse("1s"), Duration.ofHours(24), Duration.ZERO, THIRTY_SECONDS))
        .withMessageContaining("more than 500 attempts");
  }

  @Test
  void windowAndAttemptTimeoutMustBePositiveAndReconcileAfterNotNegative() {
    RetrySchedule schedule = RetrySchedule.SEED;
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new NotifyPolicy(schedule, Duration.ZERO, Duration.ZERO, THIRTY_SECONDS));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new NotifyPolicy(schedule, Duration.ofHours(1), Duration.ZERO, Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new NotifyPolicy(
                    schedule, Duration.ofHours(1), Duration.ofSeconds(-1), THIRTY_SECONDS));
  }
}
