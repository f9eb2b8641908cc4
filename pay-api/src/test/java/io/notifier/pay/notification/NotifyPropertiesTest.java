package io.notifier.pay.notification;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.RetrySchedule;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The notifier's configuration, whose defaults are written in NotifyProperties alone. */
class NotifyPropertiesTest {

  @Test
  void withNothingConfiguredTheDefaultsAreTheSeedPolicy() {
    NotifyProperties defaults = bind(Map.of());

    assertThat(defaults.policy())
        .isEqualTo(
            new NotifyPolicy(
                new RetrySchedule(
                    List.of(
                        ofMinutes(1),
                        ofMinutes(5),
                        ofMinutes(10),
                        ofMinutes(30),
                        ofHours(1),
                        ofHours(2),
                        ofHours(5),
                        ofHours(10))),
                ofHours(24),
                ofHours(1),
                ofSeconds(30),
                ofDays(7),
                ofSeconds(2)));
    assertThat(defaults.accountApi()).isEqualTo(URI.create("http://127.0.0.1:8082"));
    assertThat(defaults.taskQueue()).isEqualTo("notify");
  }

  @Test
  void withoutPayApisKeyAtAccountApiItDoesNotBindAndSaysWhatToSet() {
    assertThatThrownBy(
            () ->
                new Binder(new MapConfigurationPropertySource(Map.of()))
                    .bindOrCreate("notify", NotifyProperties.class))
        .rootCause()
        .hasMessage(
            "no key for account-api: set ACCOUNT_API_KEY (notify.account-api-key) to one of"
                + " account-api's ACCOUNT_API_PAY_API_KEYS");
  }

  @Test
  void theHttpTimeoutsMustEndBeforeTheAttemptDoes() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "notify.http.connect-timeout", "5s",
                        "notify.http.request-timeout", "25s")))
        .rootCause()
        .hasMessageContaining("must be shorter than notify.attempt-timeout");
  }

  /** Bound with {@code properties}, and the one setting without a default, pay-api's key. */
  private static NotifyProperties bind(Map<String, String> properties) {
    Map<String, String> withKey = new java.util.HashMap<>(properties);
    withKey.put("notify.account-api-key", "k");
    return new Binder(new MapConfigurationPropertySource(withKey))
        .bindOrCreate("notify", NotifyProperties.class);
  }
}
