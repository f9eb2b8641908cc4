package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.testing.FreePorts;
import io.notifier.testing.MariaDbCheck;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The scenarios again on the real stack (the Temporal dev server, MariaDB, and nginx in front of
 * account-api under a base path), and what only a real server shows: the Temporal CLI as an
 * operator's tool, restarts of the server and the worker, and a gateway answering on its own.
 */
@ExtendWith(MariaDbCheck.class)
class RealStackIT extends NotificationScenarios {

  @Override
  NotifierStack newStack() {
    return new RealStack("real");
  }

  private TemporalCli temporal() {
    return stack.cli();
  }

  @Test
  void theCliShowsThePendingDeliveryWithItsAttemptsAndItsReconcileSignalSettles() {
    BigDecimal before = stack.balance("1");
    stack.receiverLink.down();
    String txNo = stack.recharge("1", "6.00");
    String workflowId = "notify-" + txNo;
    try {
      stack.awaitAttempts(txNo, 3, SOON);

      assertTheHistoryHoldsNoEventPerFailedAttempt(workflowId);
      JsonNode described = temporal().json("workflow", "describe", "--workflow-id", workflowId);
      JsonNode pending = described.path("pendingActivities").get(0);
      assertThat(pending.path("activityType").path("name").asString()).isEqualTo("Deliver");
      assertThat(pending.path("attempt").asInt()).isGreaterThanOrEqualTo(3);
      assertThat(pending.path("lastFailure").path("message").asString())
          .contains("/api/notifications");
      assertThat(pending.path("heartbeatDetails").toString()).contains("recent");

      JsonNode status =
          temporal().json("workflow", "query", "--workflow-id", workflowId, "--name", "status");
      assertThat(status.toString()).contains("\"status\":\"NOTIFYING\"").contains(txNo);

      temporal().run("workflow", "signal", "--workflow-id", workflowId, "--name", "reconcile");
      stack.awaitNotification(txNo, "RECONCILING", SOON);
    } finally {
      stack.receiverLink.up();
    }

    assertSettledByReconciliationBeforeTheWindowCloses(txNo, before, "6.00");
    assertThat(temporal().run("workflow", "show", "--workflow-id", workflowId))
        .contains("WorkflowExecutionSignaled")
        .contains("WorkflowExecutionCompleted");
  }

  /**
   * Failed attempts are retried on the server and add nothing to the history: the only signal is
   * the operator's; the attempts so far are the pending activity's heartbeat details.
   */
  private void assertTheHistoryHoldsNoEventPerFailedAttempt(String workflowId) {
    JsonNode events =
        temporal().json("workflow", "show", "--workflow-id", workflowId).path("events");
    // Started, the first workflow task (3), the first attempt's marker, NotifyStatus NOTIFYING,
    // Deliver scheduled.
    assertThat(events.size()).isLessThanOrEqualTo(7);
    for (JsonNode event : events) {
      assertThat(event.path("eventType").asString()).doesNotContain("SIGNALED");
    }
  }

  /**
   * Delivered at once, a notification completes in the workflow task that started it: seven events,
   * its first attempt and its outcome written into account_pay both markers. After a failed first
   * attempt the server retries it, and every further failed attempt adds nothing: delivered at the
   * fourth attempt, as many events as at the second.
   */
  @Test
  void aNotificationDeliveredAtOnceTakesSevenHistoryEventsAndFailedAttemptsAfterTheFirstNone() {
    String atOnce = stack.recharge("1", "1.00");
    stack.awaitNotification(atOnce, "NOTIFIED", SOON);
    String second = deliveredAfter("2.00", 1);
    String fourth = deliveredAfter("4.00", 3);

    assertThat(historyLength(atOnce)).isEqualTo(7);
    assertThat(stack.notification(second).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(stack.notification(fourth).path("attempts").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(historyLength(fourth)).isEqualTo(historyLength(second));
  }

  /** A recharge whose notification fails {@code failed} times with the receiver cut off. */
  private String deliveredAfter(String amount, int failed) {
    stack.receiverLink.down();
    String txNo;
    try {
      txNo = stack.recharge("1", amount);
      stack.awaitAttempts(txNo, failed, SOON);
    } finally {
      stack.receiverLink.up();
    }
    stack.awaitNotification(txNo, "NOTIFIED", SOON);
    return txNo;
  }

  /**
   * The route: the gateway answers 503 to every notification and 404 to every
   * reconciliation for a while, as during a deploy. Neither is an answer of account-api's: the
   * notification is reconciled, retried while the gateway says 404, and credited once it routes
   * again; it never ends unsettled.
   */
  @Test
  void aGatewaysNotFoundOnReconciliationsDuringADeployIsRetriedAndTheAccountCredited() {
    RealStack real = (RealStack) stack;
    BigDecimal before = stack.balance("1");
    real.gateway.notificationsAnswer503();
    real.gateway.reconciliationsAnswer404();
    String txNo;
    try {
      txNo = stack.recharge("1", "5.00");
      stack.awaitAttempts(txNo, 2, SOON);
      assertThat(stack.notification(txNo).path("lastError").asString())
          .isEqualTo("account-api answered HTTP 503");
      temporal()
          .run("workflow", "signal", "--workflow-id", "notify-" + txNo, "--name", "reconcile");
      await("the gateway answered a reconciliation 404")
          .atMost(SOON)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> real.gateway.answered("POST /account-api/api/reconciliations/", 404) >= 1);
      assertThat(stack.notification(txNo).path("status").asString()).isEqualTo("RECONCILING");
    } finally {
      real.gateway.routesEveryRequest();
    }

    // The next try, ten seconds after the 404, reaches account-api.
    stack.awaitNotification(txNo, "RECONCILED", Duration.ofSeconds(30));
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("5.00")));
  }

  @Test
  void everyCallOfTheNotifierKeepsTheGatewaysBasePath() {
    RealStack real = (RealStack) stack;
    long before = real.gateway.answered("POST /account-api/api/notifications", 200);

    stack.awaitNotification(stack.recharge("2", "0.50"), "NOTIFIED", SOON);

    assertThat(real.gateway.answered("POST /account-api/api/notifications", 200))
        .isGreaterThan(before);
  }

  @Test
  void aReconciliationCreditIsRecordedAsOne() throws Exception {
    stack.receiverLink.down();
    String txNo;
    try {
      txNo = stack.recharge("2", "4.44");
      stack.awaitAttempts(txNo, 1, SOON);
      temporal()
          .run("workflow", "signal", "--workflow-id", "notify-" + txNo, "--name", "reconcile");
      stack.awaitNotification(txNo, "RECONCILING", SOON);
    } finally {
      stack.receiverLink.up();
    }
    stack.awaitNotification(txNo, "RECONCILED", Duration.ofSeconds(30));

    assertThat(((RealStack) stack).settlementSource(txNo)).isEqualTo("RECONCILIATION");
  }

  @Test
  void twoPayApiInstancesSharingTheDatabaseStartEveryNotificationOnce() {
    BigDecimal before = stack.balance("1");
    int port = FreePorts.find();
    try (ServiceProcess second = stack.startAnotherPayApi(port)) {
      JsonApi secondPayApi = new JsonApi(port).as(NotifierStack.CLIENT_KEY);
      List<String> pending;
      stack.stopTemporal();
      try {
        // Recorded while Temporal is down: both instances' relays will want to start them.
        pending =
            List.of(
                stack.recharge("1", "1.11"),
                recharge(secondPayApi, "1", "2.22"),
                stack.recharge("1", "3.33"),
                recharge(secondPayApi, "1", "4.44"));
      } finally {
        stack.startTemporal();
      }

      pending.forEach(txNo -> stack.awaitNotification(txNo, "NOTIFIED", Duration.ofSeconds(30)));
      for (String txNo : pending) {
        assertThat(
                temporal()
                    .json("workflow", "count", "--query", "WorkflowId = \"notify-" + txNo + "\"")
                    .path("count")
                    .asInt())
            .as("runs of notify-%s", txNo)
            .isEqualTo(1);
      }
    }
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("11.10")));
  }

  private static String recharge(JsonApi payApi, String accountNo, String amount) {
    JsonApi.Response created =
        payApi.post("/api/recharges", Map.of("accountNo", accountNo, "amount", amount));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.text("txNo");
  }

  private int historyLength(String txNo) {
    return temporal()
        .json("workflow", "show", "--workflow-id", "notify-" + txNo)
        .path("events")
        .size();
  }

  @Test
  void aBatchReconcileSignalByAccountDrainsEveryStuckNotificationOfThatAccount() {
    BigDecimal before = stack.balance("2");
    stack.receiverLink.down();
    List<String> stuck;
    String query = "AccountNo = \"2\" AND NotifyStatus = \"NOTIFYING\"";
    try {
      stuck = Stream.of("1.00", "2.00", "3.00").map(amount -> stack.recharge("2", amount)).toList();
      await("the stuck notifications are visible to the query")
          .atMost(SOON)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> temporal().json("workflow", "count", "--query", query).path("count").asInt(),
              count -> count == stuck.size());

      temporal().run("workflow", "signal", "--query", query, "--name", "reconcile", "--yes");

      stuck.forEach(txNo -> stack.awaitNotification(txNo, "RECONCILING", SOON));
    } finally {
      stack.receiverLink.up();
    }

    stuck.forEach(txNo -> stack.awaitNotification(txNo, "RECONCILED", Duration.ofSeconds(30)));
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("6.00")));
  }

  @Test
  void whenTheDevServerRestartsOnItsDatabaseFileEveryPendingNotificationCompletesOnce() {
    BigDecimal before = stack.balance("1");
    List<String> pending = rechargesRetryingWithTheReceiverCutOff("1", "10.00", "20.00");

    stack.stopTemporal();
    // Recorded while Temporal is down: the relay starts its notification once it is back.
    String recordedWhileDown = stack.recharge("1", "30.00");
    stack.receiverLink.up();
    stack.startTemporal();

    Stream.concat(pending.stream(), Stream.of(recordedWhileDown))
        .forEach(txNo -> stack.awaitNotification(txNo, "NOTIFIED", Duration.ofSeconds(30)));
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("60.00")));
  }

  @Test
  void whenTheWorkerIsKilledMidRetryAndRestartedEveryPendingNotificationCompletesOnce() {
    BigDecimal before = stack.balance("2");
    List<String> pending = rechargesRetryingWithTheReceiverCutOff("2", "11.00", "22.00");

    stack.killPayApi();
    stack.receiverLink.up();
    stack.startPayApi();

    pending.forEach(txNo -> stack.awaitNotification(txNo, "NOTIFIED", Duration.ofSeconds(30)));
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("33.00")));
  }

  /** Cuts the receiver off and records recharges whose notifications are then mid-retry. */
  private List<String> rechargesRetryingWithTheReceiverCutOff(String accountNo, String... amounts) {
    stack.receiverLink.down();
    List<String> pending =
        Stream.of(amounts).map(amount -> stack.recharge(accountNo, amount)).toList();
    pending.forEach(txNo -> stack.awaitAttempts(txNo, 2, SOON));
    return pending;
  }
}
