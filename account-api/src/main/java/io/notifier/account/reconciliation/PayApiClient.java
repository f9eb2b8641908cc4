package io.notifier.account.reconciliation;

import io.micrometer.observation.ObservationRegistry;
import io.notifier.web.ProblemType;
import io.notifier.web.Problems;
import io.notifier.web.client.Answer;
import io.notifier.web.client.Classified;
import io.notifier.web.client.Credential;
import io.notifier.web.client.NoAnswer;
import io.notifier.web.client.ServiceClient;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The account system's side of the check: asks pay-api's query interface ({@code GET
 * api/recharges/{txNo}} under its base URL) what became of a recharge, with the query key pay-api
 * knows account-api by. Its answers are read by the one rule of {@link Classified}: the recharge
 * with a result of "success" or "fail"; pay-api's own 404 of the type {@code unknown-tx-no}; and
 * anything else (no answer, a gateway's 404, another result) is a 502, for the caller to try again.
 */
@Component
class PayApiClient {

  private static final Logger log = LoggerFactory.getLogger(PayApiClient.class);

  /** The results pay-api documents; any other is not taken as an answer. */
  private static final Set<String> RESULTS = Set.of("success", "fail");

  /** What pay-api's query interface reports. */
  record PayRecharge(String txNo, String accountNo, BigDecimal amount, String result) {}

  private final ServiceClient payApi;

  PayApiClient(PayApiProperties properties, ObservationRegistry observations) {
    this.payApi =
        new ServiceClient(
            "pay-api",
            properties.url(),
            properties.connectTimeout(),
            properties.readTimeout(),
            Credential.bearer(properties.key()),
            observations);
  }

  /** The recharge, or empty when pay-api does not know the txNo. */
  Optional<PayRecharge> findRecharge(String txNo) {
    Classified<PayRecharge> answer;
    try {
      answer =
          Classified.of(
              payApi.get("api", "recharges", txNo).send(),
              sent -> recharge(sent, txNo),
              sent -> sent.isProblem(404, ProblemType.UNKNOWN_TX_NO.uri()));
    } catch (NoAnswer none) {
      throw unavailable(txNo, none.summary(), none.detail());
    }
    return switch (answer.kind()) {
      case TAKEN -> Optional.of(answer.value());
      case REFUSED -> Optional.empty();
      case TRANSIENT ->
          throw unavailable(txNo, answer.summary("recharge"), answer.answer().detail());
    };
  }

  private static Optional<PayRecharge> recharge(Answer answer, String txNo) {
    if (answer.status() != 200) {
      return Optional.empty();
    }
    return answer
        .bodyAs(PayRecharge.class)
        .filter(recharge -> txNo.equals(recharge.txNo()))
        .filter(recharge -> RESULTS.contains(recharge.result()))
        .filter(recharge -> recharge.accountNo() != null && recharge.amount() != null);
  }

  /** Said without pay-api's address or the exception, which the log keeps. */
  private static RuntimeException unavailable(String txNo, String summary, String detail) {
    log.warn("Could not query pay-api for {}: {}", txNo, detail);
    return Problems.of(
        HttpStatus.BAD_GATEWAY,
        "pay-api unavailable",
        "Could not learn from pay-api what became of " + txNo + ": " + summary + ".");
  }
}
