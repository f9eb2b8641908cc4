package io.notifier.pay.account;

import io.micrometer.observation.ObservationRegistry;
import io.notifier.pay.notification.NotifyProperties;
import io.notifier.pay.recharge.AccountCheck;
import io.notifier.web.ProblemType;
import io.notifier.web.client.Classified;
import io.notifier.web.client.Credential;
import io.notifier.web.client.NoAnswer;
import io.notifier.web.client.ServiceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Asks account-api whether an account exists ({@code HEAD api/accounts/{accountNo}}), with
 * pay-api's key, whose role at account-api may ask that and nothing about balances.
 *
 * <p>Answers are read by the one rule of {@link Classified}: 200 is yes; account-api's own 404
 * (problem+json) is no; anything else — a gateway's 404, a 5xx, no answer — is "cannot tell", and
 * the recharge is refused with 503, nothing recorded.
 *
 * <p>Accounts account-api knows are remembered for {@code account-check.cache-for}, so the hot path
 * of a busy account is a map lookup; accounts do not disappear in this system, and one that did
 * within that minute would make its notification need attention, for an operator to see. Unknown
 * accounts, and failures, are never remembered.
 */
@Component
@EnableConfigurationProperties(AccountCheckProperties.class)
class AccountApiCheck implements AccountCheck {

  private static final Logger log = LoggerFactory.getLogger(AccountApiCheck.class);

  /** Far more accounts than a minute of recharges touches; past it, forgotten ones are dropped. */
  private static final int REMEMBERED = 10_000;

  private final ServiceClient accountApi;
  private final AccountCheckProperties properties;
  private final Clock clock;
  private final Map<String, Instant> knownUntil = new ConcurrentHashMap<>();

  AccountApiCheck(
      AccountCheckProperties properties,
      NotifyProperties notify,
      Clock clock,
      ObservationRegistry observations) {
    this.accountApi =
        new ServiceClient(
            "account-api",
            properties.url() != null ? properties.url() : notify.accountApi(),
            properties.connectTimeout(),
            properties.readTimeout(),
            Credential.bearer(notify.accountApiKey()),
            observations);
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
    Classified<Boolean> answer;
    try {
      answer =
          Classified.of(
              accountApi.head("api", "accounts", accountNo).send(),
              sent -> sent.status() == 200 ? Optional.of(true) : Optional.empty(),
              sent -> sent.isProblem(404, ProblemType.UNKNOWN_ACCOUNT.uri()));
    } catch (NoAnswer none) {
      log.warn("Cannot ask account-api about account {}: {}", accountNo, none.detail());
      return Answer.CANNOT_TELL;
    }
    return switch (answer.kind()) {
      case TAKEN -> Answer.EXISTS;
      case REFUSED -> Answer.DOES_NOT_EXIST;
      case TRANSIENT -> {
        log.warn("Cannot tell whether account {} exists: {}", accountNo, answer.answer().detail());
        yield Answer.CANNOT_TELL;
      }
    };
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
