package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.notifier.workflows.NotifyPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotifyPropertiesTest {

  @Test
  void theDefaultsAreTheSeedPolicy() {
    assertThat(
            properties(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .policy())
        .isEqualTo(NotifyPolicy.seed());
  }

  @Test
  void theHttpTimeoutsMustEndBeforeTheAttemptDoes() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> properties(Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(30)))
        .withMessageContaining("must be shorter than notify.attempt-timeout");
  }

  private static NotifyProperties properties(
      Duration connectTimeout, Duration requestTimeout, Duration attemptTimeout) {
    return new NotifyProperties(
        "notify",
        new NotifyProperties.Retry(
            List.of(
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ofHours(1),
                Duration.ofHours(2),
                Duration.ofHours(5),
                Duration.ofHours(10))),
        Duration.ofHours(24),
        new NotifyProperties.Reconcile(Duration.ofHours(1)),
        attemptTimeout,
        new NotifyProperties.Http(connectTimeout, requestTimeout),
        URI.create("http://127.0.0.1:8082"),
        URI.create("http://127.0.0.1:8081"),
        new NotifyProperties.Relay(Duration.ofSeconds(5), Duration.ofSeconds(10), 100));
  }
}
