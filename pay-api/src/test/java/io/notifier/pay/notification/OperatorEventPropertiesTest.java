package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.notifier.pay.Credentials;
import io.notifier.workflows.operator.OperatorEventSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Operator events are off until an operator URL is set, and then need secrets of their own. */
class OperatorEventPropertiesTest {

  @Test
  void withoutAUrlNoEventsAreSent() {
    assertThat(bind(Map.of()).settings().enabled()).isFalse();
    assertThat(bind(Map.of("url", "")).settings().enabled()).isFalse();
  }

  @Test
  void withAUrlAndSecretsEventsAreSentWithTheDefaultWindowAndPeriod() {
    OperatorEventProperties properties =
        bind(Map.of("url", "https://ops.example.com/events", "secrets", Credentials.SECRET));

    assertThat(properties.settings())
        .isEqualTo(new OperatorEventSettings(true, Duration.ofDays(3), Duration.ofMinutes(10)));
  }

  @Test
  void aUrlWithoutSecretsStopsTheStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> bind(Map.of("url", "https://ops.example.com/events")))
        .rootCause()
        .hasMessageStartingWith("NOTIFY_OPERATOR_EVENTS_SECRETS (notify.operator-events.secrets):")
        .hasMessageContaining("no signing secret");
  }

  @Test
  void aRelativeUrlStopsTheStart() {
    assertThatThrownBy(() -> bind(Map.of("url", "/events", "secrets", Credentials.SECRET)))
        .rootCause()
        .hasMessageStartingWith("NOTIFY_OPERATOR_EVENTS_URL (notify.operator-events.url) must be");
  }

  private static OperatorEventProperties bind(Map<String, String> settings) {
    Map<String, String> prefixed = new java.util.HashMap<>();
    settings.forEach((key, value) -> prefixed.put("notify.operator-events." + key, value));
    return new Binder(new MapConfigurationPropertySource(prefixed))
        .bindOrCreate("notify.operator-events", OperatorEventProperties.class);
  }
}
