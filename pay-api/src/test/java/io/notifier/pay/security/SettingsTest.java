package io.notifier.pay.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.notifier.pay.notification.SigningProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * pay-api does not start without its keys and its signing secret, and says what to set: the binding
 * of these settings fails, and with it the start.
 */
class SettingsTest {

  private static final Map<String, String> KEYS =
      Map.of(
          "pay-api.security.client-keys", "shop:k1",
          "pay-api.security.query-keys", "account-api:k2",
          "pay-api.security.operator-keys", "ops:k3");

  @Test
  void withoutClientKeys() {
    assertThatThrownBy(() -> bindKeys(without("pay-api.security.client-keys")))
        .rootCause()
        .hasMessageContaining("no key in PAY_API_KEYS (pay-api.security.client-keys)");
  }

  @Test
  void withoutQueryKeys() {
    assertThatThrownBy(() -> bindKeys(without("pay-api.security.query-keys")))
        .rootCause()
        .hasMessageContaining("no key in PAY_API_QUERY_KEYS");
  }

  @Test
  void withoutOperatorKeys() {
    assertThatThrownBy(() -> bindKeys(without("pay-api.security.operator-keys")))
        .rootCause()
        .hasMessageContaining("no key in PAY_API_OPERATOR_KEYS");
  }

  @Test
  void withoutASigningSecret() {
    assertThatThrownBy(
            () ->
                new Binder(new MapConfigurationPropertySource(Map.of("notify.signing.secrets", "")))
                    .bindOrCreate("notify.signing", SigningProperties.class))
        .rootCause()
        .hasMessageContaining("NOTIFY_SIGNING_SECRETS (notify.signing.secrets): no signing secret");
  }

  private static Map<String, String> without(String setting) {
    Map<String, String> settings = new java.util.HashMap<>(KEYS);
    settings.put(setting, "");
    return settings;
  }

  private static PayApiSecurityProperties bindKeys(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("pay-api.security", PayApiSecurityProperties.class);
  }
}
