package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.testing.OperatorInbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The seed's scenarios and the notifier's promises, end to end over real HTTP between the services
 * running as separate processes. Each subclass runs them on one kind of stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationScenarios implements TrustScenarios {

  static final Duration SOON = Duration.ofSeconds(10);
  NotifierStack stack;

  abstract NotifierStack newStack();

  @Override
  public NotifierStack stack() {
    return stack;
  }

  @BeforeAll
  void startTheStack() {
    stack = newStack(); // assigned first, so that @AfterAll stops what a failed start began
    stack.start();
  }

  @AfterAll
  void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void seedScenarioTwo_aRechargeIsNotifiedAndCreditsTheAccountOnce() {
    BigDecimal before = stack.balance("1");

    String txNo = stack.recharge("1", "100.00");

    JsonNode notified = stack.awaitNotification(txNo, "NOTIFIED", SOON);
    assertThat(notified.path("attempts").asInt()).isEqualTo(1);
    assertThat(notified.path("workflowId").asString()).isEqualTo("notify-" + txNo);
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("100.00")));
  }

  @Test
  void seedScenarioOne_accountApiActivelyQueriesPayApiAndCredits() {
    stack.receiverLink.down();
    BigDecimal before = stack.balance("2");
    String txNo = stack.recharge("2", "30.00");
    stack.awaitAttempts(txNo, 1, SOON);

    JsonApi.Response reconciled = stack.accountApi.post("/api/reconciliations/" + txNo, Map.of());

    assertThat(reconciled.status()).isEqualTo(200);
    assertThat(reconciled.text("payResult")).isEqualTo("success");
    assertThat(reconciled.body().path("settled").asBoolean()).isTrue();
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("30.00")));

    // The notification still arrives once the link is back, and is acknowledged, not credited.
    stack.receiverLink.up();
    stack.awaitNotification(txNo, "NOTIFIED", SOON);
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("30.00")));
  }

  @Test
  void seedScenarioThree_theSameNotificationDeliveredManyTimesAtOnceCreditsOnce() throws Exception {
    BigDecimal before = stack.balance("1");
    String txNo = stack.recharge("1", "12.34");
    stack.awaitNotification(txNo, "NOTIFIED", SOON);
    Map<String, String> duplicate =
        Map.of("txNo", txNo, "accountNo", "1", "amount", "12.34", "result", "success");

    List<JsonApi.Response> answers;
    try (ExecutorService callers = Executors.newFixedThreadPool(16)) {
      List<Callable<JsonApi.Response>> deliveries =
          IntStream.range(0, 32)
              .<Callable<JsonApi.Response>>mapToObj(
                  i -> () -> stack.notifier.post("/api/notifications", duplicate))
              .toList();
      answers = callers.invokeAll(deliveries).stream().map(NotificationScenarios::get).toList();
    }

    assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
    assertThat(answers)
        .allSatisfy(answer -> assertThat(answer.text("status")).isEqualTo("SUCCESS"));
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("12.34")));
  }

  @Test
  void aRechargeRepeatedWithItsIdempotencyKeyIsRecordedAndCreditedOnce() {
    BigDecimal before = stack.balance("2");
    Map<String, String> body = Map.of("accountNo", "2", "amount", "5.00");
    Map<String, String> key = Map.of("Idempotency-Key", "order-" + Instant.now().toEpochMilli());

    JsonApi.Response first = stack.payApi.post("/api/recharges", body, key);
    JsonApi.Response again = stack.payApi.post("/api/recharges", body, key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("txNo")).isEqualTo(first.text("txNo"));
    stack.awaitNotification(first.text("txNo"), "NOTIFIED", SOON);
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("5.00")));
  }

  @Test
  void whileTheReceiverIsStoppedAttemptsFollowTheScheduleAndItsReturnDeliversAtTheNextAttempt() {
    // pay-api checked account 1 a moment ago: it takes its recharge without asking account-api.
    stack.awaitNotification(stack.recharge("1", "0.01"), "NOTIFIED", SOON);
    BigDecimal before = stack.balance("1");
    stack.stopAccountApi();
    String txNo;
    JsonNode failing;
    try {
      // An account it has not checked lately it cannot take money for: 503, nothing recorded.
      JsonApi.Response unchecked =
          stack.payApi.post("/api/recharges", Map.of("accountNo", "3", "amount", "1.00"));
      assertThat(unchecked.status()).isEqualTo(503);
      assertThat(unchecked.raw().headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      txNo = stack.recharge("1", "40.00");
      failing = stack.awaitNextAttemptAfter(txNo, 3, SOON);
    } finally {
      stack.startAccountApi();
    }
    Instant receiverBack = Instant.now();

    assertThat(failing.path("status").asString()).isEqualTo("NOTIFYING");
    // The client reads what happened without an address; an operator reads it in full.
    assertThat(failing.path("lastError").asString())
        .contains("account-api")
        .doesNotContain("127.0.0.1");
    assertThat(failing.has("lastErrorDetail")).isFalse();
    assertThat(
            stack
                .payApiAsOperator
                .get("/api/recharges/" + txNo + "/notification")
                .text("lastErrorDetail"))
        .contains("/api/notifications");
    assertThat(failing.path("nextAttemptAt").asString()).isNotEmpty();
    assertAttemptsFollowTheSchedule(failing.path("recentFailures"));

    JsonNode notified = stack.awaitNotification(txNo, "NOTIFIED", SOON);
    Duration deliveredAfterReturn =
        Duration.between(receiverBack, Instant.parse(notified.path("finishedAt").asString()));
    assertThat(deliveredAfterReturn)
        .as("delivered at the first attempt after the receiver came back")
        .isLessThanOrEqualTo(stack.policy.intervals().getLast().plusSeconds(1));
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("40.00")));
    // The operator hears that the receiver answers again, signed with the events' own secret.
    OperatorInbox.Event recovered = stack.awaitOperatorEvent("receiver.recovered", txNo);
    assertThat(recovered.id()).startsWith("operator-event:receiver.recovered:");
    assertThat(recovered.data().path("status").asString()).isEqualTo("NOTIFIED");
    assertThat(recovered.data().path("attempts").asInt())
        .isEqualTo(notified.path("attempts").asInt());
    assertThat(recovered.data().path("lastError").asString()).contains("account-api");
  }

  @Test
  void whenTheWindowClosesTheReconciliationTimerSettlesTheAccount() {
    BigDecimal before = stack.balance("2");
    stack.receiverLink.down();
    String txNo = stack.recharge("2", "8.88");
    JsonNode reconciling;
    try {
      reconciling = stack.awaitNotification(txNo, "RECONCILING", stack.policy.window().plus(SOON));
    } finally {
      stack.receiverLink.up();
    }

    JsonNode reconciled =
        stack.awaitNotification(txNo, "RECONCILED", stack.policy.reconcileAfter().plus(SOON));

    assertThat(reconciling.path("attempts").asInt()).isGreaterThan(3);
    assertThat(Instant.parse(reconciled.path("finishedAt").asString()))
        .isAfterOrEqualTo(
            Instant.parse(reconciling.path("windowClosesAt").asString())
                .plus(stack.policy.reconcileAfter()));
    assertThat(reconciled.path("payResult").asString()).isEqualTo("success");
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("8.88")));
    // Money settled after the window: the operator is told, with what was settled.
    OperatorInbox.Event event = stack.awaitOperatorEvent("notification.reconciled", txNo);
    assertThat(event.id()).isEqualTo("operator-event:notification.reconciled:" + txNo);
    assertThat(event.data().path("amount").asString()).isEqualTo("8.88");
    assertThat(event.data().path("accountNo").asString()).isEqualTo("2");
    assertThat(event.data().path("payResult").asString()).isEqualTo("success");
  }

  @Test
  void aReconcileRequestWhileNotifyingStopsDeliveryAndSettlesBeforeTheWindowCloses() {
    BigDecimal before = stack.balance("1");
    stack.receiverLink.down();
    String txNo = stack.recharge("1", "3.21");
    try {
      stack.awaitAttempts(txNo, 2, SOON);
      JsonApi.Response accepted =
          stack.payApiAsOperator.post(
              "/api/recharges/" + txNo + "/notification/reconcile", Map.of());
      assertThat(accepted.status()).isEqualTo(202);
      stack.awaitNotification(txNo, "RECONCILING", SOON);
    } finally {
      stack.receiverLink.up();
    }

    assertSettledByReconciliationBeforeTheWindowCloses(txNo, before, "3.21");
  }

  /**
   * What neither delivery nor reconciliation can settle waits for an operator, and every ending is
   * an operator's word or a credit. Here reconciliation gives up at once (pay-api restarted with a
   * two-second limit, the receiver cut off): three notifications NEED_ATTENTION, which an operator
   * finds by the NotifyStatus search attribute, is alerted to by a metric and a log line, and moves
   * on by each of the three moves, each by another means: the REST endpoint (retry), the Temporal
   * CLI (reconcile), a batch signal by query (close, with a reason).
   */
  @Test
  void whatCannotBeSettledNeedsAttentionIsFoundAlertedToAndLeftByEachOperatorMove() {
    BigDecimal before = stack.balance("2");
    List<String> waiting;
    stack.stopPayApi();
    stack.payApiReconcileLimit = Duration.ofSeconds(2);
    stack.startPayApi();
    try {
      stack.receiverLink.down();
      waiting =
          List.of(
              stack.recharge("2", "1.10"),
              stack.recharge("2", "2.20"),
              stack.recharge("2", "3.30"));
      for (String txNo : waiting) {
        stack.awaitAttempts(txNo, 1, SOON);
        assertThat(
                stack
                    .payApiAsOperator
                    .post("/api/recharges/" + txNo + "/notification/reconcile", Map.of())
                    .status())
            .isEqualTo(202);
      }
      waiting.forEach(txNo -> stack.awaitNotification(txNo, "NEEDS_ATTENTION", SOON));
      assertThat(stack.notification(waiting.getFirst()).path("reason").asString())
          .startsWith("reconciliation gave up after 2s");

      await("the NEEDS_ATTENTION metric, for an alert")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> needsAttentionCount() >= 3);
      assertThat(Files.readString(stack.payApiLog()))
          .contains("Notification of " + waiting.getFirst() + " NEEDS_ATTENTION");
      // ... and by an operator event each, at the operator's endpoint.
      for (String txNo : waiting) {
        OperatorInbox.Event event = stack.awaitOperatorEvent("notification.needs_attention", txNo);
        assertThat(event.id())
            .isEqualTo("operator-event:notification.needs_attention:" + txNo + ":1");
        assertThat(event.data().path("reason").asString())
            .startsWith("reconciliation gave up after 2s");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      stack.receiverLink.up();
      stack.stopPayApi();
      stack.payApiReconcileLimit = null;
      stack.startPayApi();
    }
    String query =
        "NotifyStatus = \"NEEDS_ATTENTION\" AND WorkflowId = \"notify-" + waiting.get(2) + "\"";
    await("found by NotifyStatus, as in the Web UI's filter")
        .atMost(SOON)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                stack
                    .cli()
                    .json(
                        "workflow",
                        "count",
                        "--query",
                        "NotifyStatus = \"NEEDS_ATTENTION\" AND AccountNo = \"2\"")
                    .path("count")
                    .asInt(),
            count -> count >= 3);

    // retry, through pay-api's REST endpoint: delivered again, now that the receiver answers.
    assertThat(
            stack
                .payApiAsOperator
                .post("/api/recharges/" + waiting.get(0) + "/notification/retry", Map.of())
                .status())
        .isEqualTo(202);
    // reconcile, with the Temporal CLI.
    stack
        .cli()
        .run(
            "workflow",
            "signal",
            "--workflow-id",
            "notify-" + waiting.get(1),
            "--name",
            "reconcile");
    // close, by a batch signal by query, with the operator's reason.
    stack
        .cli()
        .run(
            "workflow",
            "signal",
            "--query",
            query,
            "--name",
            "close",
            "--input",
            "\"refunded at the counter\"",
            "--yes");

    stack.awaitNotification(waiting.get(0), "NOTIFIED", Duration.ofSeconds(30));
    stack.awaitNotification(waiting.get(1), "RECONCILED", Duration.ofSeconds(30));
    JsonNode closed = stack.awaitNotification(waiting.get(2), "CLOSED", Duration.ofSeconds(30));
    assertThat(closed.path("reason").asString()).isEqualTo("refunded at the counter");
    assertThat(closed.path("source").asString()).isEqualTo("PAY_API");
    // The reconciled one credited the account: the operator hears of it too.
    stack.awaitOperatorEvent("notification.reconciled", waiting.get(1));
    // 1.10 delivered and 2.20 reconciled; 3.30 closed by the operator: not credited.
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("3.30")));
  }

  /** pay-api's notify_needs_attention_total, as Prometheus scrapes it. */
  private double needsAttentionCount() {
    return stack
        .payApiAsOperator
        .getText("/actuator/prometheus")
        .lines()
        .filter(line -> line.startsWith("notify_needs_attention_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /**
   * Kill -9, restart, count every cent: recharges from four clients while pay-api is killed three
   * times and account-api three times, each brought back at once. Every recharge a client was told
   * of is in pay-api, answered again by its Idempotency-Key as the same recharge, notified once,
   * and each balance moved by exactly the sum acknowledged for it.
   */
  @Test
  void nothingAcknowledgedIsLostOrDoubledWhenTheServicesAreKilled() throws Exception {
    BigDecimal before1 = stack.balance("1");
    BigDecimal before2 = stack.balance("2");
    CrashLoad load = new CrashLoad(stack.payApi);
    List<Thread> clients = load.start(4, 40, "crash-" + Instant.now().toEpochMilli());

    for (int crash = 1; crash <= 3; crash++) {
      awaitProgress(load, crash * 30);
      stack.killPayApi();
      stack.startPayApi();
      awaitProgress(load, crash * 30 + 10);
      stack.killAccountApi();
      stack.startAccountApi();
    }
    for (Thread client : clients) {
      client.join(Duration.ofMinutes(2));
      assertThat(client.isAlive()).as("%s done", client.getName()).isFalse();
    }

    List<CrashLoad.Accepted> accepted = load.accepted();
    assertThat(accepted).hasSize(160);
    for (CrashLoad.Accepted recharge : accepted) {
      JsonApi.Response recorded = stack.payApi.get("/api/recharges/" + recharge.txNo());
      assertThat(recorded.status()).as("%s in pay-api", recharge).isEqualTo(200);
      assertThat(new BigDecimal(recorded.text("amount"))).isEqualByComparingTo(recharge.amount());
      JsonApi.Response again =
          stack.payApi.post(
              "/api/recharges",
              Map.of(
                  "accountNo", recharge.accountNo(), "amount", recharge.amount().toPlainString()),
              Map.of("Idempotency-Key", recharge.key()));
      assertThat(again.text("txNo"))
          .as("the key %s again", recharge.key())
          .isEqualTo(recharge.txNo());
    }
    // Delivered, or reconciled when a restart outlasted the window: settled once either way.
    accepted.forEach(recharge -> stack.awaitSettled(recharge.txNo(), Duration.ofSeconds(90)));
    assertThat(stack.balance("1")).isEqualByComparingTo(before1.add(sumFor(accepted, "1")));
    assertThat(stack.balance("2")).isEqualByComparingTo(before2.add(sumFor(accepted, "2")));
    System.out.printf(
        "crash test: %d recharges acknowledged, %d client retries, every cent counted%n",
        accepted.size(), load.retries());
  }

  private static void awaitProgress(CrashLoad load, int acknowledged) {
    await("clients acknowledged " + acknowledged)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> load.acknowledgedSoFar() >= acknowledged);
  }

  private static BigDecimal sumFor(List<CrashLoad.Accepted> accepted, String accountNo) {
    return accepted.stream()
        .filter(recharge -> recharge.accountNo().equals(accountNo))
        .map(CrashLoad.Accepted::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  void assertSettledByReconciliationBeforeTheWindowCloses(
      String txNo, BigDecimal before, String amount) {
    int attemptsWhenReconciling = stack.notification(txNo).path("attempts").asInt();
    // Reconciliation retries every 10 s or more after a failed try while the link was down.
    JsonNode reconciled = stack.awaitNotification(txNo, "RECONCILED", Duration.ofSeconds(30));
    assertThat(reconciled.path("attempts").asInt())
        .as("no delivery attempt after reconciliation began")
        .isEqualTo(attemptsWhenReconciling);
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal(amount)));
  }

  /** Each failed attempt came within a second of its place in the schedule. */
  void assertAttemptsFollowTheSchedule(JsonNode recentFailures) {
    assertThat(recentFailures.size()).isGreaterThanOrEqualTo(3);
    Instant first = Instant.parse(recentFailures.get(0).path("at").asString());
    for (JsonNode failure : recentFailures) {
      int attempt = failure.path("attempt").asInt();
      Duration offset = Duration.between(first, Instant.parse(failure.path("at").asString()));
      assertThat(offset)
          .as("attempt %d came %s after the first", attempt, offset)
          .isBetween(
              stack.policy.offsetOfAttempt(attempt).minusSeconds(1),
              stack.policy.offsetOfAttempt(attempt).plusSeconds(1));
    }
  }

  private static <T> T get(java.util.concurrent.Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
