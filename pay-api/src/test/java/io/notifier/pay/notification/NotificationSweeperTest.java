package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.pay.recharge.RechargeRepository;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Nothing falls through the cracks: pay-api records how each notification ended, and the sweeper
 * settles those whose workflow ended without completing, or is gone, or whose record was lost.
 */
class NotificationSweeperTest extends PayApiIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired NotificationSweeper sweeper;
  @Autowired NotificationLedger ledger;
  @Autowired RechargeRepository recharges;
  @Autowired WorkflowClient client;

  @Test
  void theWorkerRecordsADeliveredNotificationAsNotified() throws Exception {
    String txNo = recharge("1", "2.00");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(ledger.outcomeOf(txNo))
                    .hasValueSatisfying(
                        outcome -> assertThat(outcome.status()).isEqualTo(NotifyStatus.NOTIFIED)));
  }

  @Test
  void aTerminatedNotificationIsStartedAgainAndSettledOnce() throws Exception {
    accountApi.answer("/api/notifications", 503, "{}");
    String txNo = recharge("2", "3.00");
    await().atMost(PATIENCE).until(() -> notificationsOf(txNo) >= 1);
    client.newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo)).terminate("lost by an operator");
    accountApi.answer("/api/notifications", 200, CREDITED);
    long before = notificationsOf(txNo);
    startedLongAgo(txNo);

    sweeper.sweep();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(ledger.outcomeOf(txNo))
                    .hasValueSatisfying(
                        outcome -> assertThat(outcome.status()).isEqualTo(NotifyStatus.NOTIFIED)));
    assertThat(notificationsOf(txNo)).isEqualTo(before + 1);
  }

  @Test
  void aCompletedNotificationWhoseRecordWasLostIsRecordedFromItsResultAndNotDeliveredAgain()
      throws Exception {
    String txNo = recharge("1", "4.00");
    await().atMost(PATIENCE).until(() -> ledger.outcomeOf(txNo).isPresent());
    jdbc.sql("UPDATE account_pay SET notify_status = NULL WHERE tx_no = ?").param(txNo).update();
    startedLongAgo(txNo);
    long deliveries = notificationsOf(txNo);

    sweeper.sweep();

    assertThat(ledger.outcomeOf(txNo))
        .hasValueSatisfying(
            outcome -> assertThat(outcome.status()).isEqualTo(NotifyStatus.NOTIFIED));
    assertThat(notificationsOf(txNo)).isEqualTo(deliveries);
  }

  @Test
  void aNotificationWhoseWorkflowIsGoneIsStartedAgain() {
    String txNo = "tx-" + UUID.randomUUID();
    recharges.insert(
        txNo,
        "1",
        new BigDecimal("5.00"),
        "success",
        "shop",
        null,
        Instant.now().minus(Duration.ofHours(2)));
    recharges.markNotificationStarted(txNo, Instant.now().minus(Duration.ofHours(2)));

    sweeper.sweep();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(ledger.outcomeOf(txNo))
                    .hasValueSatisfying(
                        outcome -> assertThat(outcome.status()).isEqualTo(NotifyStatus.NOTIFIED)));
    assertThat(notificationsOf(txNo)).isEqualTo(1);
  }

  /** As if the notification had started an hour ago: well past its window and reconciliation. */
  private void startedLongAgo(String txNo) {
    jdbc.sql("UPDATE account_pay SET notify_started_at = ? WHERE tx_no = ?")
        .params(Instant.now().minus(Duration.ofHours(1)), txNo)
        .update();
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
    String location = result.getResponse().getHeader("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static long notificationsOf(String txNo) {
    return accountApi.received("POST", "/api/notifications").stream()
        .filter(request -> request.body().contains("\"txNo\":\"" + txNo + "\""))
        .count();
  }
}
