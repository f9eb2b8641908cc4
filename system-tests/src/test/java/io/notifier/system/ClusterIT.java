package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.system.TemporalWebUi.HistoryEvent;
import io.notifier.system.TemporalWebUi.UserMetadata;
import io.notifier.system.TemporalWebUi.WorkflowPage;
import io.notifier.system.TemporalWebUi.WorkflowRow;
import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * Production's shape on one machine, as {@code ./run.sh cluster} starts it: Temporal Server's
 * frontend, history, matching and worker as separate processes on PostgreSQL, over mutual TLS; two
 * pay-api and two account-api instances on MariaDB behind nginx on the quickstart's ports. A
 * recharge is credited through the load balancer; the cluster's Web UI shows its story; recharges
 * under load survive a pay-api killed with -9, an account-api stopped, Temporal's history service
 * killed with -9 and its matching service restarted, every cent counted. The ports must be free;
 * whatever happens, the test stops what it started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  /** The cluster's, its services' and its trace UI's (Zipkin 9411, the relay's OTLP 4318). */
  private static final List<Integer> PORTS =
      List.of(7233, 8081, 8082, 8233, 18081, 18181, 18082, 18182, 9411, 4318);

  private static final URI WEB_UI = URI.create("http://localhost:8233");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("notify.screenshots", "target/screenshots"), "cluster");

  /** Recharges of the crash test: four clients, a quarter each. */
  private static final int CRASH_RECHARGES =
      Integer.getInteger("notify.cluster.crash-recharges", 200);

  private final Path logs = Path.of(System.getProperty("notify.logs", "target/service-logs"));
  private final RunScript run = new RunScript(logs.resolve("run.sh-cluster.log"));

  /** The README's demo keys, through the load balancer. */
  private final JsonApi payApi = new JsonApi(8081).as("demo-client-key");

  private final JsonApi accountApi = new JsonApi(8082).as("demo-client-key");
  private Map<String, String> operatorsShell;
  private TemporalCli temporal;
  private Browser browser;

  @RegisterExtension
  final ScreenshotOnFailure screenshotOnFailure = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  void startTheCluster() throws Exception {
    assertThat(PORTS).as("ports of the cluster already taken").noneMatch(FreePorts::listening);
    browser = Browser.start(SCREENSHOTS, logs.resolve("chromedriver-cluster.log"));
    // A new cluster, as a user makes one: the MariaDB databases it shares with other checkouts'
    // runs
    // may hold notifications an earlier run left unsettled, which this cluster's sweeper would
    // take.
    assertThat(run.command("reset", "cluster").exitCode()).isZero();
    assertThat(run.root.resolve(".data/cluster")).doesNotExist();
    // A seconds-scale schedule, so that a notification caught by a crash is retried within the
    // test; accounts known to account-api are taken as known for the whole test.
    run.start(
        List.of("cluster"),
        Map.of(
            "NOTIFY_RETRY_INTERVALS", "1s,2s",
            "NOTIFY_WINDOW", "3m",
            "NOTIFY_RECONCILE_LIMIT", "2s",
            "ACCOUNT_CHECK_CACHE_FOR", "30m"),
        Duration.ofMinutes(8));
    operatorsShell = clusterEnvironment();
    temporal = TemporalCli.withEnvironment(operatorsShell);
  }

  @BeforeEach
  void nameTheScreenshots(TestInfo test) {
    browser.startTest(test.getTestMethod().orElseThrow().getName());
  }

  @AfterAll
  void stopWhateverIsLeft() throws Exception {
    if (browser != null) {
      browser.close();
    }
    run.stopWhateverIsLeft();
  }

  @Test
  @Order(1)
  void aRechargeIsCreditedThroughTheLoadBalancerByWorkersOnTheClusterOverMutualTls() {
    BigDecimal before = balance("1");
    String txNo = recharge("1", "100.00");
    await("account 1 credited")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> balance("1"),
            balance -> balance.compareTo(before.add(new BigDecimal("100.00"))) == 0);
    JsonNode notification = awaitStatus(txNo, "NOTIFIED");
    assertThat(notification.path("source").asString()).isEqualTo("PAY_API");

    JsonNode cluster = temporal.json("operator", "cluster", "describe");
    assertThat(cluster.path("historyShardCount").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(
            temporal
                .json("operator", "namespace", "describe", "--namespace", "default")
                .path("config")
                .path("workflowExecutionRetentionTtl")
                .asString())
        .isEqualTo("604800s");
    // Both pay-api instances are workers of the one task queue.
    assertThat(temporal.run("task-queue", "describe", "--task-queue", "notify"))
        .containsPattern("(?s)\\d+@[^\\s]+.*\\d+@[^\\s]+");
  }

  @Test
  @Order(2)
  void aClientWithoutTheClustersCertificateIsRefused() {
    TemporalCli plain = new TemporalCli("127.0.0.1:7233");
    assertThat(plain.succeeds("workflow", "list", "--limit", "1")).isFalse();
    Map<String, String> noClientCertificate = new HashMap<>(operatorsShell);
    noClientCertificate.keySet().removeIf(name -> name.startsWith("TEMPORAL_TLS_CLIENT_"));
    assertThat(
            TemporalCli.withEnvironment(noClientCertificate)
                .succeeds("workflow", "list", "--limit", "1"))
        .as("TLS without a client certificate")
        .isFalse();
  }

  @Test
  @Order(3)
  void theClustersWebUiShowsANotificationsStory() throws Exception {
    String amount = "12.34";
    knownToBothPayApiInstances("2");
    assertThat(run.command("stop", "account-api-1").exitCode()).isZero();
    assertThat(run.command("stop", "account-api-2").exitCode()).isZero();
    String txNo;
    try {
      txNo = recharge("2", amount);
      awaitAttempts(txNo, 2);
    } finally {
      assertThat(run.command("start", "account-api-1").exitCode()).isZero();
      assertThat(run.command("start", "account-api-2").exitCode()).isZero();
    }
    TemporalWebUi ui = new TemporalWebUi(browser, WEB_UI, "default");
    ui.openWorkflows();
    List<WorkflowRow> found = ui.workflows("TxNo=\"" + txNo + "\"");
    assertThat(found)
        .singleElement()
        .satisfies(row -> assertThat(row.type()).isEqualTo("NotifyWorkflowV3"));
    WorkflowPage page = ui.openWorkflow("notify-" + txNo);
    assertThat(page.awaitStatus("COMPLETED", Duration.ofSeconds(60))).isEqualTo("COMPLETED");
    UserMetadata notified =
        page.awaitCurrentDetails(
            metadata -> "NOTIFIED".equals(metadata.currentStatus()),
            "NOTIFIED",
            Duration.ofSeconds(30));
    assertThat(notified.summary()).isEqualTo("Recharge " + amount + " to account 2");
    List<HistoryEvent> history = page.history();
    assertThat(history)
        .filteredOn(event -> event.type().equals("Activity Task Scheduled"))
        .singleElement()
        .satisfies(
            scheduled -> assertThat(scheduled.fields()).containsEntry("Activity Type", "Deliver"));
  }

  /**
   * The README's tctl lines, with the TLS line's certificates, against the cluster: with both
   * account-api instances stopped, an operator finds a notification by TxNo, looks at it and
   * reconciles it, which cannot settle it (account-api is down) within the run's two-second limit:
   * it needs attention, as does another; once account-api is back, the README's batch retry by
   * query delivers both, each credited once.
   */
  @Test
  @Order(4)
  void theReadmesTctlLinesWorkAgainstTheClusterWithItsCertificates() throws Exception {
    TctlRunbook runbook = TctlRunbook.ofTheReadme();
    Map<String, String> tlsLine = runbook.exported(run.root);
    assertThat(tlsLine).containsKeys("TEMPORAL_CLI_TLS_CA", "TEMPORAL_CLI_TLS_CERT");
    Tctl tctl = new Tctl(tlsLine);
    knownToBothPayApiInstances("1");
    BigDecimal before = balance("1");
    List<String> waiting;
    assertThat(run.command("stop", "account-api-1").exitCode()).isZero();
    assertThat(run.command("stop", "account-api-2").exitCode()).isZero();
    try {
      waiting = List.of(recharge("1", "7.77"), recharge("1", "2.23"));
      String first = waiting.getFirst();
      awaitAttempts(first, 2);
      assertThat(
              await("the README's list line finds it by TxNo")
                  .atMost(Duration.ofSeconds(20))
                  .until(
                      () -> tctl.run(runbook.line(TctlScenarios.LIST).forTxNo(first)),
                      out -> out.contains(first)))
          .contains("NotifyWorkflowV3");
      assertThat(tctl.run(runbook.line(TctlScenarios.DESCRIBE).forTxNo(first)))
          .contains("notify-" + first)
          .contains("Deliver");
      assertThat(tctl.run(runbook.line(TctlScenarios.SHOW).forTxNo(first)))
          .contains("ActivityTaskScheduled");
      for (String txNo : waiting) {
        awaitAttempts(txNo, 1);
        assertThat(tctl.run(runbook.line(TctlScenarios.RECONCILE).forTxNo(txNo)))
            .contains("Signal workflow succeeded");
      }
      waiting.forEach(txNo -> awaitStatus(txNo, "NEEDS_ATTENTION"));
    } finally {
      assertThat(run.command("start", "account-api-1").exitCode()).isZero();
      assertThat(run.command("start", "account-api-2").exitCode()).isZero();
    }
    TctlRunbook.Line batch = runbook.line(TctlScenarios.BATCH);
    for (String txNo : waiting) {
      String query = "(" + batch.option("--query") + ") AND WorkflowId = \"notify-" + txNo + "\"";
      await("notify-" + txNo + " found by the batch's query")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> tctl.run("workflow", "count", "--query", query).strip(), "1"::equals);
    }
    assertThat(tctl.run(batch.arguments())).containsPattern("Batch job \\S+ is started");
    waiting.forEach(txNo -> awaitStatus(txNo, "NOTIFIED"));
    assertThat(balance("1")).isEqualByComparingTo(before.add(new BigDecimal("10.00")));
  }

  /**
   * Kill -9, stop, restart, count every cent: recharges from four clients through the load balancer
   * while, one at a time, a pay-api instance is killed with -9 (and started again), an account-api
   * instance is stopped (and started again), Temporal's history service is killed with -9 (and
   * started again), and its matching service is restarted. Every recharge a client was told of is
   * in pay-api, answered again by its Idempotency-Key as the same recharge, settled once, and each
   * balance moved by exactly the sum acknowledged for it.
   */
  @Test
  @Order(5)
  void nothingAcknowledgedIsLostOrDoubledWhenAnyOneProcessOfTheClusterFails() throws Exception {
    await("the earlier tests' notifications ended, so that the balances stand still")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                temporal
                    .json("workflow", "count", "--query", "ExecutionStatus = \"Running\"")
                    .path("count")
                    .asInt(),
            running -> running == 0);
    BigDecimal before1 = balance("1");
    BigDecimal before2 = balance("2");
    CrashLoad load = new CrashLoad(payApi);
    long started = System.nanoTime();
    List<Thread> clients =
        load.start(4, CRASH_RECHARGES / 4, "cluster-crash-" + Instant.now().toEpochMilli());
    int step = CRASH_RECHARGES / 5;

    awaitProgress(load, step);
    assertThat(kill9(".data/run/pay-api-1.pid")).isZero();
    assertThat(run.command("start", "pay-api-1").exitCode()).isZero();

    awaitProgress(load, 2 * step);
    assertThat(run.command("stop", "account-api-2").exitCode()).isZero();
    awaitProgress(load, 2 * step + step / 2);
    assertThat(run.command("start", "account-api-2").exitCode()).isZero();

    awaitProgress(load, 3 * step);
    assertThat(run.projectScript("temporal-cluster.sh", "kill", "history").exitCode()).isZero();
    assertThat(run.projectScript("temporal-cluster.sh", "start", "history").exitCode()).isZero();

    awaitProgress(load, 4 * step);
    assertThat(run.projectScript("temporal-cluster.sh", "restart", "matching").exitCode()).isZero();

    for (Thread client : clients) {
      client.join(Duration.ofMinutes(10));
      assertThat(client.isAlive()).as("%s done", client.getName()).isFalse();
    }
    List<CrashLoad.Accepted> accepted = load.accepted();
    assertThat(accepted).hasSize(CRASH_RECHARGES / 4 * 4);
    for (CrashLoad.Accepted recharge : accepted) {
      JsonApi.Response again =
          payApi.post(
              "/api/recharges",
              Map.of(
                  "accountNo", recharge.accountNo(), "amount", recharge.amount().toPlainString()),
              Map.of("Idempotency-Key", recharge.key()));
      assertThat(again.text("txNo"))
          .as("the key %s again", recharge.key())
          .isEqualTo(recharge.txNo());
      assertThat(new BigDecimal(again.text("amount"))).isEqualByComparingTo(recharge.amount());
    }
    // Delivered, or reconciled when a crash outlasted the window: settled once either way, and
    // none left running.
    for (CrashLoad.Accepted recharge : accepted) {
      // The first look at once: Awaitility waits a poll interval before it by default, which at
      // 10,000 recharges (notify.cluster.crash-recharges) would be half an hour of waiting for
      // notifications long settled.
      await("notification of " + recharge.txNo() + " settled")
          .atMost(Duration.ofMinutes(5))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> notification(recharge.txNo()).path("status").asString(),
              status -> List.of("NOTIFIED", "RECONCILED").contains(status));
    }
    assertThat(balance("1")).isEqualByComparingTo(before1.add(sumFor(accepted, "1")));
    assertThat(balance("2")).isEqualByComparingTo(before2.add(sumFor(accepted, "2")));
    System.out.printf(
        "cluster crash test: %d recharges acknowledged, %d client retries, all settled %d s after"
            + " the first, every cent counted%n",
        accepted.size(), load.retries(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  @Test
  @Order(9)
  void ctrlCStopsEverything() throws Exception {
    run.interrupt();

    assertThat(run.process().waitFor(120, TimeUnit.SECONDS))
        .as("run.sh ended after Ctrl-C")
        .isTrue();
    assertThat(PORTS).as("nothing listens any more").noneMatch(FreePorts::listening);
    assertThat(run.projectScript("temporal-cluster.sh", "status").exitCode())
        .as("no process of the Temporal cluster left")
        .isNotZero();
  }

  /**
   * What an operator's shell has after {@code eval "$(scripts/temporal-cluster.sh env)"}: the
   * address and the TLS settings of the temporal CLI and tctl.
   */
  private Map<String, String> clusterEnvironment() throws IOException, InterruptedException {
    Process shell =
        new ProcessBuilder("bash", "-c", "eval \"$(scripts/temporal-cluster.sh env)\" && env -0")
            .directory(run.root.toFile())
            .start();
    String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(shell.exitValue()).as("scripts/temporal-cluster.sh env").isZero();
    Map<String, String> environment = new HashMap<>();
    for (String variable : printed.split("\0")) {
      int equals = variable.indexOf('=');
      String name = equals > 0 ? variable.substring(0, equals) : "";
      if (name.startsWith("TEMPORAL_")) {
        environment.put(name, variable.substring(equals + 1));
      }
    }
    assertThat(environment).containsKey("TEMPORAL_ADDRESS");
    return environment;
  }

  private int kill9(String pidFile) throws IOException, InterruptedException {
    String pid = Files.readString(run.root.resolve(pidFile)).strip();
    Process kill = new ProcessBuilder("kill", "-9", pid).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return kill.exitValue();
  }

  private static void awaitProgress(CrashLoad load, int acknowledged) {
    await("clients acknowledged " + acknowledged)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> load.acknowledgedSoFar() >= acknowledged);
  }

  private static BigDecimal sumFor(List<CrashLoad.Accepted> accepted, String accountNo) {
    return accepted.stream()
        .filter(recharge -> recharge.accountNo().equals(accountNo))
        .map(CrashLoad.Accepted::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * Each pay-api instance asks account-api once of an account (then remembers it for the run), and
   * the load balancer takes turns: two recharges while account-api is up, each credited, so that
   * both instances take recharges of the account while account-api is down.
   */
  private void knownToBothPayApiInstances(String accountNo) {
    List.of(recharge(accountNo, "0.01"), recharge(accountNo, "0.01"))
        .forEach(txNo -> awaitStatus(txNo, "NOTIFIED"));
  }

  private JsonNode awaitStatus(String txNo, String status) {
    return await(txNo + " " + status)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> notification(txNo), n -> status.equals(n.path("status").asString()));
  }

  private JsonNode awaitAttempts(String txNo, int attempts) {
    return await("attempt " + attempts + " of " + txNo)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> notification(txNo), n -> n.path("attempts").asInt() >= attempts);
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
