package io.notifier.pay.account;

import io.notifier.pay.recharge.AccountCheck;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks account-api ({@code GET /api/accounts/{accountNo}}) with a client key of its own.
 *
 * <p>A key rather than the notifier's signature: the signature authenticates the messages the
 * notifier sends, this is pay-api reading as any client would, and a signing secret set wrong then
 * shows where it belongs, as notification attempts failing with 401 (retried, visible in the
 * status) rather than as refused recharges.
 *
 * <p>Accounts account-api knows are remembered for {@code account-check.cache-for}, so the hot path
 * of a busy account is a map lookup; accounts do not disappear in this system, and one that did
 * within that minute would fail its notification (422) for an operator to see. Unknown accounts,
 * and failures, are never remembered.
 */
@Component
@EnableConfigurationProperties(AccountCheckProperties.class)
class AccountApiCheck implements AccountCheck {

  private static final Logger log = LoggerFactory.getLogger(AccountApiCheck.class);

  /** Far more accounts than a minute of recharges touches; past it, forgotten ones are dropped. */
  private static final int REMEMBERED = 10_000;

  private final RestClient http;
  private final AccountCheckProperties properties;
  private final Clock clock;
  private final Map<String, Instant> knownUntil = new ConcurrentHashMap<>();

  AccountApiCheck(AccountCheckProperties properties, Clock clock) {
    JdkClientHttpRequestFactory requestFactory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build());
    requestFactory.setReadTimeout(properties.readTimeout());
    this.http =
        RestClient.builder()
            .baseUrl(properties.url())
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.key())
            .requestFactory(requestFactory)
            .build();
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public Answer check(String accountNo) {
    Instant now = clock.instant();
    Instant until = knownUntil.get(accountNo);
    if (until != null && now.isBefore(until)) {
      return Answer.EXISTS;
    }
    Answer answer = ask(accountNo);
    if (answer == Answer.EXISTS) {
      remember(accountNo, now.plus(properties.cacheFor()));
    }
    return answer;
  }

  private Answer ask(String accountNo) {
    try {
      http.get().uri("/api/accounts/{accountNo}", accountNo).retrieve().toBodilessEntity();
      return Answer.EXISTS;
    } catch (HttpClientErrorException.NotFound unknown) {
      return Answer.DOES_NOT_EXIST;
    } catch (RestClientException e) {
      log.warn("Cannot ask account-api about account {}: {}", accountNo, e.getMessage());
      return Answer.CANNOT_TELL;
    }
  }

  private void remember(String accountNo, Instant until) {
    if (knownUntil.size() >= REMEMBERED) {
      Instant now = clock.instant();
      knownUntil.values().removeIf(expiry -> !now.isBefore(expiry));
      if (knownUntil.size() >= REMEMBERED) {
        knownUntil.clear();
      }
    }
    knownUntil.put(accountNo, until);
  }
}
