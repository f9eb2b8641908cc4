package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.pay.recharge.RechargeRepository;
import io.notifier.testing.AccountApiStub;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.NotifyWorkflowOptions;
import io.notifier.workflows.RechargeNotification;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The notification as pay-api shows and steers it, under the test policy (1s, 2s within 8s): what
 * its workflow publishes, for its client in words that name no address, for operators in full; and
 * an operator's moves.
 */
class NotificationApiTest extends PayApiIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired RechargeRepository recharges;
  @Autowired NotificationRelay relay;
  @Autowired WorkflowClient client;
  @Autowired NotifyPolicy policy;

  @Test
  void aDeliveredNotificationIsNotifiedAsItsWorkflowWroteIntoAccountPay() throws Exception {
    String txNo = recharge("1", "10.00");

    Map<String, Object> status = awaitStatus(txNo, "NOTIFIED");

    assertThat(status.get("workflowId")).isEqualTo("notify-" + txNo);
    assertThat(status.get("attempts")).isEqualTo(1);
    assertThat(status.get("finishedAt")).isNotNull();
    assertThat(status.get("source")).isEqualTo("PAY_API");
  }

  @Test
  void whileTheReceiverIsDownAttemptsShowInWordsForTheClientAndInFullForOperators()
      throws Exception {
    // Account 1 checked a moment ago: pay-api takes its recharge without asking account-api again.
    recharge("1", "0.01");
    accountApi.down();
    String txNo = recharge("1", "20.00");

    await().atMost(PATIENCE).until(() -> ((Integer) status(txNo).get("attempts")) >= 2);
    Map<String, Object> retrying = status(txNo);
    Map<String, Object> operators = status(txNo, Credentials.operator());
    accountApi.up();

    assertThat(retrying.get("status")).isEqualTo("NOTIFYING");
    assertThat(retrying.get("source")).isEqualTo("WORKFLOW");
    assertThat(retrying.get("lastError")).isEqualTo("could not connect to account-api");
    assertThat(retrying).doesNotContainKey("lastErrorDetail");
    assertThat(retrying.toString()).doesNotContain("127.0.0.1").doesNotContain("Exception");
    assertThat(retrying.get("nextAttemptAt")).isNotNull();
    assertThat((String) operators.get("lastErrorDetail"))
        .startsWith("cannot connect to " + accountApi.baseUrl() + "/api/notifications");
    awaitStatus(txNo, "NOTIFIED");
    assertThat((Integer) status(txNo).get("attempts")).isGreaterThan(2);
  }

  @Test
  void anOperatorsReconcileRequestReconcilesAtOnce() throws Exception {
    accountApi.notifications(request -> AccountApiStub.unavailable());
    String txNo = recharge("2", "30.00");
    await().atMost(PATIENCE).until(() -> ((Integer) status(txNo).get("attempts")) >= 1);
    accountApi.reconciliation(
        txNo, request -> AccountApiStub.reconciled(txNo, "success", true, false));

    MvcTestResult accepted = move(txNo, "reconcile");

    assertThat(accepted).hasStatus(HttpStatus.ACCEPTED);
    Map<String, Object> reconciled = awaitStatus(txNo, "RECONCILED");
    assertThat(reconciled.get("payResult")).isEqualTo("success");
    assertThat((Integer) reconciled.get("attempts")).isGreaterThanOrEqualTo(1);
    assertThat(accountApi.reconciliationsReceived(txNo)).hasSize(1);
  }

  @Test
  void reconcilingAFinishedNotificationIsAConflict() throws Exception {
    String txNo = recharge("1", "1.00");
    awaitStatus(txNo, "NOTIFIED");

    MvcTestResult result = move(txNo, "reconcile");

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
    assertThat(pending.get("source")).isEqualTo("NONE");
    awaitStatus(txNo, "NOTIFIED");
    assertThat(recharges.findById(txNo).orElseThrow().notifyStartedAt()).isNotNull();
  }

  @Test
  void whenNoWorkerAnswersTheEndpointSaysSoAndShowsWhatTemporalDescribes() throws Exception {
    // A notification whose workflow no worker polls for, as when every pay-api worker is down.
    String txNo = "tx-" + UUID.randomUUID();
    recharges.insert(
        txNo, "1", new BigDecimal("6.00"), "success", "shop", null, Instant.now().minusSeconds(5));
    RechargeNotification notification =
        new RechargeNotification(txNo, "1", new BigDecimal("6.00"), "success");
    WorkflowClient.start(
        client.newWorkflowStub(
                NotifyWorkflow.class,
                NotifyWorkflowOptions.of(notification, policy, "no-worker-polls", Instant.now()))
            ::notifyRecharge,
        new NotifyRequest(notification, policy));

    Map<String, Object> described = status(txNo);

    assertThat(described.get("status")).isEqualTo("NOTIFYING");
    assertThat(described.get("source")).isEqualTo("DESCRIPTION");
    assertThat((String) described.get("warning"))
        .startsWith("The notifier's worker did not answer the status query");
    client.newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo)).terminate("test done");
  }

  @Test
  void theNotificationOfAnUnknownTxNoIsNotFoundAndSoAreItsMoves() throws Exception {
    assertThat(
            mvc.get()
                .uri("/api/recharges/{txNo}/notification", "tx-unknown")
                .with(Credentials.client())
                .exchange())
        .hasStatus(HttpStatus.NOT_FOUND);
    for (String move : List.of("reconcile", "retry")) {
      assertThat(move("tx-unknown", move)).hasStatus(HttpStatus.NOT_FOUND);
    }
    assertThat(close("tx-unknown", "{\"reason\":\"x\"}")).hasStatus(HttpStatus.NOT_FOUND);
  }

  @Nested
  class WhatNeedsAttention {

    /** Rejected by the receiver; account-api finds pay-api knows no such txNo: NEEDS_ATTENTION. */
    private String needingAttention(String accountNo, String amount) throws Exception {
      accountApi.notifications(request -> AccountApiStub.unknownAccount());
      String txNo = recharge(accountNo, amount);
      accountApi.reconciliation(txNo, request -> AccountApiStub.unknownTxNo());
      Map<String, Object> waiting = awaitStatus(txNo, "NEEDS_ATTENTION");
      assertThat((String) waiting.get("reason")).contains("knows no recharge " + txNo);
      accountApi.notifications(AccountApiStub::acknowledged);
      return txNo;
    }

    @Test
    void anOperatorsRetryDeliversItAgain() throws Exception {
      String txNo = needingAttention("1", "2.50");

      assertThat(move(txNo, "retry")).hasStatus(HttpStatus.ACCEPTED);

      Map<String, Object> notified = awaitStatus(txNo, "NOTIFIED");
      assertThat(notified.get("attempts")).isEqualTo(2);
      assertThat(notificationsOf(txNo)).isEqualTo(2);
    }

    @Test
    void anOperatorsReconcileReconcilesItAgain() throws Exception {
      String txNo = needingAttention("2", "3.50");
      accountApi.reconciliation(
          txNo, request -> AccountApiStub.reconciled(txNo, "success", true, false));

      assertThat(move(txNo, "reconcile")).hasStatus(HttpStatus.ACCEPTED);

      assertThat(awaitStatus(txNo, "RECONCILED").get("payResult")).isEqualTo("success");
    }

    @Test
    void anOperatorsCloseWithAReasonClosesItAndAccountPayKeepsTheReasonAndWho() throws Exception {
      String txNo = needingAttention("1", "4.50");

      assertThat(close(txNo, "{\"reason\":\"refunded by hand, ticket 12\"}"))
          .hasStatus(HttpStatus.ACCEPTED);

      Map<String, Object> closed = awaitStatus(txNo, "CLOSED");
      assertThat(closed.get("reason")).isEqualTo("refunded by hand, ticket 12 (ops)");
      assertThat(closed.get("source")).isEqualTo("PAY_API");
    }

    @Test
    void aCloseWithoutAReasonIsRefusedAndChangesNothing() throws Exception {
      String txNo = needingAttention("2", "5.50");

      MvcTestResult refused = close(txNo, "{\"reason\":\" \"}");

      assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
      assertThat(refused).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(status(txNo).get("status")).isEqualTo("NEEDS_ATTENTION");
    }

    @Test
    void aRetryOfANotificationThatDoesNotNeedAttentionIsAConflict() throws Exception {
      accountApi.notifications(request -> AccountApiStub.unavailable());
      String txNo = recharge("1", "6.50");
      await().atMost(PATIENCE).until(() -> ((Integer) status(txNo).get("attempts")) >= 1);

      MvcTestResult refused = move(txNo, "retry");

      assertThat(refused).hasStatus(HttpStatus.CONFLICT);
      assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("NOTIFYING");
    }

    @Test
    void aClientMayNotMakeAnOperatorsMoves() throws Exception {
      String txNo = needingAttention("1", "7.50");

      assertThat(
              mvc.post()
                  .uri("/api/recharges/{txNo}/notification/retry", txNo)
                  .with(Credentials.client())
                  .exchange())
          .hasStatus(HttpStatus.FORBIDDEN);
      assertThat(status(txNo).get("status")).isEqualTo("NEEDS_ATTENTION");
    }
  }

  private MvcTestResult move(String txNo, String move) {
    return mvc.post()
        .uri("/api/recharges/{txNo}/notification/" + move, txNo)
        .with(Credentials.operator())
        .exchange();
  }

  private MvcTestResult close(String txNo, String body) {
    return mvc.post()
        .uri("/api/recharges/{txNo}/notification/close", txNo)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .with(Credentials.operator())
        .exchange();
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

  private Map<String, Object> awaitStatus(String txNo, String status) {
    return await("notification of " + txNo + " " + status)
        .atMost(PATIENCE)
        .until(() -> status(txNo), view -> status.equals(view.get("status")));
  }

  private Map<String, Object> status(String txNo) throws Exception {
    return status(txNo, Credentials.client());
  }

  private Map<String, Object> status(String txNo, RequestPostProcessor caller) throws Exception {
    MvcTestResult result =
        mvc.get().uri("/api/recharges/{txNo}/notification", txNo).with(caller).exchange();
    assertThat(result).hasStatusOk();
    return JsonPath.read(result.getResponse().getContentAsString(), "$");
  }
}
