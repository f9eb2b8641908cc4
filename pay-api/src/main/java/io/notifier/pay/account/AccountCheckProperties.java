package io.notifier.pay.account;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pay-api asks account-api whether an account exists, before it takes a recharge.
 *
 * @param url account-api's base URL; by default {@code notify.account-api}'s, where notifications
 *     go
 * @param key {@code ACCOUNT_CHECK_KEY}: one of account-api's client keys ({@code
 *     ACCOUNT_API_KEYS}); without it pay-api does not start
 * @param cacheFor how long an account account-api knows is taken as known without asking again;
 *     unknown accounts are asked about each time
 * @param connectTimeout how long to wait for a connection; a recharge waits for the check
 * @param readTimeout how long to wait for the answer
 */
@ConfigurationProperties("account-check")
record AccountCheckProperties(
    @DefaultValue("http://127.0.0.1:8082") URI url,
    String key,
    @DefaultValue("60s") Duration cacheFor,
    @DefaultValue("1s") Duration connectTimeout,
    @DefaultValue("2s") Duration readTimeout) {

  AccountCheckProperties {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "no key for account-api: set ACCOUNT_CHECK_KEY (account-check.key) to one of"
              + " account-api's ACCOUNT_API_KEYS");
    }
  }
}
