package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.system.TemporalWebUi.HistoryEvent;
import io.notifier.system.TemporalWebUi.PendingActivity;
import io.notifier.system.TemporalWebUi.UserMetadata;
import io.notifier.system.TemporalWebUi.WorkflowPage;
import io.notifier.system.TemporalWebUi.WorkflowRow;
import io.notifier.testing.FreePorts;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The README's first command, as a new user runs it, from a reset: {@code ./run.sh} starts the
 * Temporal dev server with its Web UI, account-api and pay-api on the quickstart's ports; a
 * recharge is credited and pay-api gives the link of its story; a person finds a notification in
 * the Web UI by TxNo and sees it retry, then NOTIFIED (headless Chromium, screenshots in {@code
 * target/screenshots}); every operator command of the README works as written; services stopped and
 * started again from another terminal keep the run's settings; Ctrl-C stops all of it. The ports
 * must be free; whatever happens, the test stops what it started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunScriptIT {

  /** The quickstart's, and the trace UI's (Zipkin, its relay), which the default run leaves off. */
  private static final List<Integer> PORTS = List.of(7233, 8081, 8082, 8233, 9411, 4318);

  private static final URI WEB_UI = URI.create("http://localhost:8233");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("notify.screenshots", "target/screenshots"));

  /** How long the Web UI may take to show what happened: it polls the server every few seconds. */
  private static final Duration UI_CATCHES_UP = Duration.ofSeconds(30);

  private final Path logs = Path.of(System.getProperty("notify.logs", "target/service-logs"));
  private final RunScript run = new RunScript(logs.resolve("run.sh.log"));
  private final Path root = run.root;

  /** The README's demo keys, which ./run.sh gives the services by itself. */
  private final JsonApi payApi = new JsonApi(8081).as("demo-client-key");

  private final JsonApi accountApi = new JsonApi(8082).as("demo-client-key");
  private final JsonApi payApiOperator = new JsonApi(8081).as("demo-operator-key");
  private final TemporalCli temporal = TemporalCli.withItsDefaults();
  private Browser browser;

  @RegisterExtension
  final ScreenshotOnFailure screenshotOnFailure = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  void startTheQuickstart() throws Exception {
    assertThat(PORTS).as("ports of the quickstart already taken").noneMatch(FreePorts::listening);
    Files.createDirectories(logs);
    assertThat(script("reset").exitCode()).as("./run.sh reset").isZero();
    browser = Browser.start(SCREENSHOTS, logs.resolve("chromedriver-run.sh.log"));
    // A seconds-scale schedule, which a service started again from another terminal must keep;
    // a reconciliation that gives up at once, so that what it cannot settle needs attention within
    // the test; accounts known to account-api are taken as known for as long as the test runs, so
    // that recharges go on while account-api is stopped.
    run.start(
        List.of(),
        Map.of(
            "NOTIFY_RETRY_INTERVALS", "1s",
            "NOTIFY_WINDOW", "2m",
            "NOTIFY_RECONCILE_LIMIT", "2s",
            "ACCOUNT_CHECK_CACHE_FOR", "30m"),
        Duration.ofSeconds(180));
  }

  @BeforeEach
  void nameTheScreenshots(TestInfo test) {
    browser.startTest(test.getTestMethod().orElseThrow().getName());
  }

  /** Whatever failed, nothing of the run stays behind to block the next one. */
  @AfterAll
  void stopWhateverIsLeft() throws Exception {
    if (browser != null) {
      browser.close();
    }
    run.stopWhateverIsLeft();
  }

  @Test
  @Order(1)
  void aRechargeIsCreditedAndPayApiGivesTheLinkToItsStory() throws Exception {
    BigDecimal before = balance("1");
    recharge("2", "0.01"); // account-api is asked once of each account, while it is up

    String txNo = recharge("1", "100.00");
    long recharged = System.nanoTime();
    await("account 1 credited")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> balance("1"),
            balance -> balance.compareTo(before.add(new BigDecimal("100.00"))) == 0);
    // A figure, not an assertion: the README promises "within a second".
    System.out.printf(
        "run.sh: a recharge credited %d ms after pay-api answered%n",
        Duration.ofNanos(System.nanoTime() - recharged).toMillis());

    // Ended (its outcome written just after the credit), its view comes from account_pay, with the
    // Web UI's list of its runs, by TxNo; pay-api logged the link of the run as it started it.
    JsonNode notification =
        await("NOTIFIED, as its workflow wrote into account_pay")
            .atMost(Duration.ofSeconds(10))
            .until(() -> notification(txNo), n -> n.path("source").asString().equals("PAY_API"));
    assertThat(notification.path("status").asString()).isEqualTo("NOTIFIED");
    assertThat(notification.path("webUi").asString())
        .isEqualTo(WEB_UI + "/namespaces/default/workflows?query=TxNo%3D%22" + txNo + "%22");
    String run = WEB_UI + "/namespaces/default/workflows/notify-" + txNo + "/";
    await("pay-api logs the link of its run")
        .atMost(Duration.ofSeconds(5))
        .until(() -> Files.readString(root.resolve(".data/run/pay-api.log")).contains(run));
    // The default run starts no trace UI, and each service says that it exports no traces.
    for (String service : List.of("pay-api", "account-api")) {
      assertThat(Files.readString(root.resolve(".data/run/" + service + ".log")))
          .contains("Traces are not exported");
    }
    // Closed notifications are kept a week, set by the run itself: the dev server keeps a day.
    assertThat(
            temporal
                .json("operator", "namespace", "describe", "--namespace", "default")
                .path("config")
                .path("workflowExecutionRetentionTtl")
                .asString())
        .isEqualTo("604800s");
  }

  @Test
  @Order(2)
  void aPersonFindsANotificationByTxNoInTheWebUiAndSeesItRetryThenNotified() throws Exception {
    String amount = "123.45";
    TemporalWebUi ui = new TemporalWebUi(browser, WEB_UI, "default");
    ui.openWorkflows();
    assertThat(script("stop", "account-api").exitCode()).isZero();
    String txNo;
    WorkflowPage page;
    try {
      txNo = recharge("1", amount);
      String workflowId = "notify-" + txNo;

      List<WorkflowRow> found = ui.workflows("TxNo=\"" + txNo + "\"");
      assertThat(found)
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row.workflowId()).isEqualTo(workflowId);
                assertThat(row.type()).isEqualTo("NotifyWorkflowV3");
                assertThat(row.status()).isEqualTo("RUNNING");
              });
      page = ui.openWorkflow(workflowId);
      PendingActivity delivering =
          page.awaitPendingActivity(
              "Deliver",
              activity -> activity.attempt() >= 2 && !activity.lastFailure().isEmpty(),
              "at its second attempt, with the first one's failure",
              Duration.ofSeconds(20));
      assertThat(delivering.lastFailure()).contains("/api/notifications");
      UserMetadata notifying = page.userMetadata();
      assertThat(notifying.summary()).isEqualTo("Recharge " + amount + " to account 1");
      assertThat(notifying.details()).contains(txNo);
      assertThat(notifying.currentStatus()).isEqualTo("NOTIFYING");
    } finally {
      assertThat(script("start", "account-api").exitCode()).isZero();
    }

    assertThat(page.awaitStatus("COMPLETED", UI_CATCHES_UP)).isEqualTo("COMPLETED");
    UserMetadata notified =
        page.awaitCurrentDetails(
            metadata -> "NOTIFIED".equals(metadata.currentStatus()), "NOTIFIED", UI_CATCHES_UP);
    assertThat(notified.summary()).isEqualTo("Recharge " + amount + " to account 1");
    List<HistoryEvent> history = page.history();
    assertThat(history)
        .filteredOn(event -> event.type().equals("Activity Task Scheduled"))
        .singleElement()
        .satisfies(
            scheduled -> {
              assertThat(scheduled.fields()).containsEntry("Activity Type", "Deliver");
              assertThat(scheduled.fields().get("Summary")).contains(amount);
            });
  }

  /**
   * Every operator command of the README, as written. With account-api stopped, reconciliation
   * gives up at once (the run's two-second limit), so each notification the commands reconcile
   * NEEDS_ATTENTION; once account-api is back, an operator moves each on: retry, close, reconcile.
   */
  @Test
  @Order(3)
  void everyOperatorCommandOfTheReadmeWorksAsWritten() throws Exception {
    BigDecimal before = balance("2");
    assertThat(script("stop", "account-api").exitCode()).isZero();
    List<String> stuck;
    try {
      stuck = List.of(recharge("2", "1.00"), recharge("2", "2.00"), recharge("2", "3.00"));
      stuck.forEach(txNo -> awaitAttempts(txNo, 2));
      String first = "notify-" + stuck.get(0);

      JsonNode described = temporal.json("workflow", "describe", "--workflow-id", first);
      assertThat(
              described
                  .path("pendingActivities")
                  .get(0)
                  .path("activityType")
                  .path("name")
                  .asString())
          .isEqualTo("Deliver");
      assertThat(temporal.run("workflow", "show", "--workflow-id", first))
          .contains("ActivityTaskScheduled");
      assertThat(temporal.run("workflow", "query", "--workflow-id", first, "--name", "status"))
          .contains("NOTIFYING");
      temporal.run("workflow", "signal", "--workflow-id", first, "--name", "reconcile");
      JsonApi.Response accepted =
          payApiOperator.post(
              "/api/recharges/" + stuck.get(1) + "/notification/reconcile", Map.of());
      assertThat(accepted.status()).isEqualTo(202);
      await("the third one visible to the query")
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  temporal
                      .json(
                          "workflow",
                          "count",
                          "--query",
                          "AccountNo = \"2\" AND NotifyStatus = \"NOTIFYING\"")
                      .path("count")
                      .asInt(),
              count -> count >= 1);
      temporal.run(
          "workflow",
          "signal",
          "--name",
          "reconcile",
          "--yes",
          "--query",
          "AccountNo = \"2\" AND NotifyStatus = \"NOTIFYING\"");
      stuck.forEach(txNo -> awaitStatus(txNo, "NEEDS_ATTENTION"));
      assertThat(temporal.run("workflow", "list", "--query", "NotifyStatus = \"NEEDS_ATTENTION\""))
          .contains(stuck.get(0), stuck.get(1), stuck.get(2));
    } finally {
      assertThat(script("start", "account-api").exitCode()).isZero();
    }

    JsonApi.Response retried =
        payApiOperator.post("/api/recharges/" + stuck.get(0) + "/notification/retry", Map.of());
    assertThat(retried.status()).isEqualTo(202);
    temporal.run(
        "workflow",
        "signal",
        "--workflow-id",
        "notify-" + stuck.get(1),
        "--name",
        "close",
        "--input",
        "\"refunded by hand, ticket 123\"");
    await("the first and second moved on")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                temporal
                    .json(
                        "workflow",
                        "count",
                        "--query",
                        "AccountNo = \"2\" AND NotifyStatus = \"NEEDS_ATTENTION\"")
                    .path("count")
                    .asInt(),
            count -> count == 1);
    temporal.run(
        "workflow",
        "signal",
        "--name",
        "reconcile",
        "--yes",
        "--query",
        "NotifyStatus = \"NEEDS_ATTENTION\" AND AccountNo = \"2\"");

    awaitStatus(stuck.get(0), "NOTIFIED");
    awaitStatus(stuck.get(1), "CLOSED");
    awaitStatus(stuck.get(2), "RECONCILED");
    assertThat(notification(stuck.get(1)).path("reason").asString())
        .isEqualTo("refunded by hand, ticket 123");
    assertThat(balance("2")).isEqualByComparingTo(before.add(new BigDecimal("4.00")));
  }

  private void awaitStatus(String txNo, String status) {
    await(txNo + " " + status)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> notification(txNo).path("status").asString(), status::equals);
  }

  @Test
  @Order(4)
  void aServiceStartedAgainFromAnotherTerminalKeepsTheRunsSettings() throws Exception {
    assertThat(script("stop", "nope").exitCode()).as("stopping an unknown service").isNotZero();
    assertThat(script("stop", "pay-api").exitCode()).isZero();
    assertThat(script("start", "pay-api").exitCode()).as("pay-api started again").isZero();
    recharge("2", "0.01"); // the new pay-api asks account-api of account 2 while it is up
    assertThat(script("stop", "account-api").exitCode()).isZero();
    String retried;
    try {
      retried = recharge("2", "7.00");
      JsonNode failing = awaitAttempts(retried, 3);
      assertThat(failing.path("status").asString()).isEqualTo("NOTIFYING");
    } finally {
      assertThat(script("start", "account-api").exitCode()).isZero();
    }
    await("delivered once account-api is back")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> notification(retried).path("status").asString(), "NOTIFIED"::equals);
  }

  @Test
  @Order(5)
  void ctrlCStopsEverything() throws Exception {
    run.interrupt();

    assertThat(run.process().waitFor(60, TimeUnit.SECONDS))
        .as("run.sh ended after Ctrl-C")
        .isTrue();
    assertThat(PORTS).as("nothing listens any more").noneMatch(FreePorts::listening);
    assertThat(run.output()).contains("Stopping");
  }

  /** Attempts a second apart, as the run's settings say: three within a few seconds. */
  private JsonNode awaitAttempts(String txNo, int attempts) {
    return await("attempt " + attempts + " of " + txNo)
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> notification(txNo), n -> n.path("attempts").asInt() >= attempts);
  }

  /** {@code ./run.sh <arguments>} from another terminal, without the run's environment. */
  private RunScript.Execution script(String... arguments) throws Exception {
    return run.command(arguments);
  }

  private String recharge(String accountNo, String amount) {
    JsonApi.Response recharge =
        payApi.post("/api/recharges", Map.of("accountNo", accountNo, "amount", amount));
    assertThat(recharge.status()).as(recharge.body().toString()).isEqualTo(201);
    return recharge.text("txNo");
  }

  private BigDecimal balance(String accountNo) {
    return new BigDecimal(accountApi.get("/api/accounts/" + accountNo).text("balance"));
  }

  private JsonNode notification(String txNo) {
    return payApi.get("/api/recharges/" + txNo + "/notification").body();
  }
}
