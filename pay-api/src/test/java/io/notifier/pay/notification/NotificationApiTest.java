package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.pay.recharge.RechargeRepository;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The notification as pay-api shows and steers it, under the test policy: 1s, 2s within 8s. */
class NotificationApiTest extends PayApiIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired RechargeRepository recharges;
  @Autowired NotificationRelay relay;

  @Test
  void aDeliveredNotificationIsNotified() throws Exception {
    String txNo = recharge("1", "10.00");

    await().atMost(PATIENCE).until(() -> status(txNo).get("status").equals("NOTIFIED"));

    Map<String, Object> status = status(txNo);
    assertThat(status.get("workflowId")).isEqualTo("notify-" + txNo);
    assertThat(status.get("attempts")).isEqualTo(1);
    assertThat(status.get("finishedAt")).isNotNull();
  }

  @Test
  void whileTheReceiverIsDownAttemptsShowAndTheNextOneDeliversWhenItIsBack() throws Exception {
    // Account 1 checked a moment ago: pay-api takes its recharge without asking account-api again.
    recharge("1", "0.01");
    accountApi.down();
    String txNo = recharge("1", "20.00");

    await().atMost(PATIENCE).until(() -> ((Integer) status(txNo).get("attempts")) >= 2);
    Map<String, Object> retrying = status(txNo);
    accountApi.up();
    accountApi.answer("/api/notifications", 200, CREDITED);

    assertThat(retrying.get("status")).isEqualTo("NOTIFYING");
    assertThat((String) retrying.get("lastError")).startsWith("cannot connect to ");
    assertThat(retrying.get("nextAttemptAt")).isNotNull();
    await().atMost(PATIENCE).until(() -> status(txNo).get("status").equals("NOTIFIED"));
    assertThat((Integer) status(txNo).get("attempts")).isGreaterThan(2);
  }

  @Test
  void aReconcileRequestReconcilesAtOnce() throws Exception {
    accountApi.answer("/api/notifications", 503, "{}");
    String txNo = recharge("2", "30.00");
    await().atMost(PATIENCE).until(() -> ((Integer) status(txNo).get("attempts")) >= 1);
    accountApi.answer(
        "/api/reconciliations/" + txNo,
        200,
        "{\"txNo\":\"%s\",\"payResult\":\"success\",\"settled\":true,\"alreadySettled\":false}"
            .formatted(txNo));

    MvcTestResult accepted =
        mvc.post()
            .uri("/api/recharges/{txNo}/notification/reconcile", txNo)
            .with(Credentials.operator())
            .exchange();

    assertThat(accepted).hasStatus(HttpStatus.ACCEPTED);
    await().atMost(PATIENCE).until(() -> status(txNo).get("status").equals("RECONCILED"));
    Map<String, Object> reconciled = status(txNo);
    assertThat(reconciled.get("payResult")).isEqualTo("success");
    assertThat((Integer) reconciled.get("attempts")).isGreaterThanOrEqualTo(1);
    assertThat(accountApi.received("POST", "/api/reconciliations/" + txNo)).hasSize(1);
  }

  @Test
  void reconcilingAFinishedNotificationIsAConflict() throws Exception {
    String txNo = recharge("1", "1.00");
    await().atMost(PATIENCE).until(() -> status(txNo).get("status").equals("NOTIFIED"));

    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges/{txNo}/notification/reconcile", txNo)
            .with(Credentials.operator())
            .exchange();

    assertThat(result).hasStatus(HttpStatus.CONFLICT);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .contains("already NOTIFIED");
  }

  @Test
  void aRechargeWhoseStartWasLostIsPendingUntilTheRelayStartsIt() throws Exception {
    String txNo = "tx-" + UUID.randomUUID();
    recharges.insert(
        txNo, "1", new BigDecimal("4.00"), "success", "shop", null, Instant.now().minusSeconds(60));

    Map<String, Object> pending = status(txNo);
    relay.relayPending();

    assertThat(pending.get("status")).isEqualTo("PENDING");
    await().atMost(PATIENCE).until(() -> status(txNo).get("status").equals("NOTIFIED"));
    assertThat(recharges.findById(txNo).orElseThrow().notifyStartedAt()).isNotNull();
  }

  @Test
  void theNotificationOfAnUnknownTxNoIsNotFound() throws Exception {
    assertThat(
            mvc.get()
                .uri("/api/recharges/{txNo}/notification", "tx-unknown")
                .with(Credentials.client())
                .exchange())
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            mvc.post()
                .uri("/api/recharges/{txNo}/notification/reconcile", "tx-unknown")
                .with(Credentials.operator())
                .exchange())
        .hasStatus(HttpStatus.NOT_FOUND);
  }

  private String recharge(String accountNo, String amount) throws Exception {
    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"%s\",\"amount\":\"%s\"}".formatted(accountNo, amount))
            .with(Credentials.client())
            .exchange();
    assertThat(result).hasStatus(HttpStatus.CREATED);
    return JsonPath.read(result.getResponse().getContentAsString(), "$.txNo");
  }

  private Map<String, Object> status(String txNo) throws Exception {
    MvcTestResult result =
        mvc.get()
            .uri("/api/recharges/{txNo}/notification", txNo)
            .with(Credentials.client())
            .exchange();
    assertThat(result).hasStatusOk();
    return JsonPath.read(result.getResponse().getContentAsString(), "$");
  }
}
