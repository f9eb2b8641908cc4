package io.notifier.workflows;

import static io.notifier.workflows.support.SeedPolicy.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyPolicyTest {

  private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

  @Test
  void aScheduleThatWouldHammerTheReceiverIsRefused() {
    RetrySchedule everySecond = new RetrySchedule(List.of(Duration.ofSeconds(1)));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new NotifyPolicy(
                    everySecond, Duration.ofHours(24), Duration.ZERO, THIRTY_SECONDS, null))
        .withMessageContaining("more than 500 attempts");
  }

  @Test
  void windowAttemptTimeoutAndReconcileLimitMustBePositiveAndReconcileAfterNotNegative() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new NotifyPolicy(SCHEDULE, Duration.ZERO, Duration.ZERO, THIRTY_SECONDS, null));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new NotifyPolicy(
                    SCHEDULE, Duration.ofHours(1), Duration.ZERO, Duration.ZERO, null));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new NotifyPolicy(
                    SCHEDULE, Duration.ofHours(1), Duration.ofSeconds(-1), THIRTY_SECONDS, null));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new NotifyPolicy(
                    SCHEDULE, Duration.ofHours(1), Duration.ZERO, THIRTY_SECONDS, Duration.ZERO));
  }
}
