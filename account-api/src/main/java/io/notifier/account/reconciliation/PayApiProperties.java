package io.notifier.account.reconciliation;

import io.notifier.web.settings.InvalidSetting;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where pay-api's query interface is, the key it knows account-api by, and how long to wait for it.
 *
 * @param url pay-api's base URL
 * @param key {@code PAY_API_QUERY_KEY}: one of pay-api's {@code PAY_API_QUERY_KEYS}, sent as {@code
 *     Authorization: Bearer <key>}; without it account-api does not start
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer
 */
@ConfigurationProperties("pay-api")
public record PayApiProperties(
    @DefaultValue("http://127.0.0.1:8081") URI url,
    String key,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout) {

  public PayApiProperties {
    if (key == null || key.isBlank()) {
      throw new InvalidSetting(
          "no key for pay-api's query interface: set PAY_API_QUERY_KEY (pay-api.key) to one of"
              + " pay-api's PAY_API_QUERY_KEYS");
    }
  }
}
