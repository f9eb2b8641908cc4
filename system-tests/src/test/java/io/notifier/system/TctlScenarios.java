package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The README's tctl lines, each run as written (its {@code <txNo>} filled in) against a running
 * notifier, and what each does to a notification: tctl, which the operators' runbook was written
 * for, finds it by its TxNo, describes it and shows its history, reconciles one that cannot be
 * delivered, and moves on by one batch signal every one that needs attention. The lines come from
 * the README itself ({@link TctlRunbook}). Each subclass runs them on one kind of stack; tctl finds
 * the server, and its TLS options, in the environment the subclass gives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TctlScenarios {

  static final Duration SOON = Duration.ofSeconds(10);

  /** What the README's tctl lines begin with: one line each, and no other line. */
  static final String LIST = "tctl workflow list";

  static final String DESCRIBE = "tctl workflow describe";
  static final String SHOW = "tctl workflow show";
  static final String RECONCILE = "tctl workflow signal --workflow_id";
  static final String BATCH = "tctl workflow signal --query";

  /**
   * How long reconciliation retries before what it cannot settle needs attention: seconds, so that
   * the batch signal has notifications to move on within the test. A reconciliation that succeeds
   * at its first try is not concerned.
   */
  static final Duration RECONCILE_LIMIT = Duration.ofSeconds(2);

  final TctlRunbook runbook = TctlRunbook.ofTheReadme();
  NotifierStack stack;
  Tctl tctl;

  /** The stack, not started yet. */
  abstract NotifierStack newStack();

  /**
   * Makes account-api refuse every delivery, but not reconciliations, until {@link
   * #acceptDeliveries}: a notification that cannot be delivered, which only an operator's reconcile
   * settles before its window closes.
   */
  abstract void refuseDeliveries();

  abstract void acceptDeliveries();

  /**
   * The environment tctl runs the README's lines in: the stack's Temporal in {@code
   * TEMPORAL_CLI_ADDRESS}. A stack over mTLS adds the README's TLS variables ({@code
   * runbook.exported(projectFolder)}).
   */
  Map<String, String> tctlEnvironment() {
    return Map.of("TEMPORAL_CLI_ADDRESS", stack.temporalAddress());
  }

  /**
   * Recharges {@code accountNo} with each amount and brings each notification to NEEDS_ATTENTION:
   * with account-api cut off, an operator's reconcile that keeps failing until the {@link
   * #RECONCILE_LIMIT} gives up. account-api is reachable again when this returns.
   */
  List<String> needingAttention(String accountNo, String... amounts) {
    stack.receiverLink.down();
    try {
      List<String> waiting =
          Stream.of(amounts).map(amount -> stack.recharge(accountNo, amount)).toList();
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
      return waiting;
    } finally {
      stack.receiverLink.up();
    }
  }

  @BeforeAll
  void startTheStack() {
    stack = newStack(); // assigned first, so that @AfterAll stops what a failed start began
    stack.payApiReconcileLimit = RECONCILE_LIMIT;
    stack.start();
    tctl = new Tctl(tctlEnvironment());
  }

  @AfterAll
  void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  /** A line added to the README is one these scenarios run, or this fails until it is. */
  @Test
  void everyTctlLineOfTheReadmeIsOneTheseScenariosRun() {
    List<String> starts = List.of(LIST, DESCRIBE, SHOW, RECONCILE, BATCH);
    assertThat(runbook.lines())
        .as("the README's tctl lines")
        .allSatisfy(
            line ->
                assertThat(starts)
                    .as("what `%s` is checked by", line.text())
                    .filteredOn(start -> line.words().startsWith(start))
                    .hasSize(1));
    starts.forEach(runbook::line); // each once in the README
  }

  /**
   * An operator finds a notification account-api refuses by its TxNo, looks at it (the pending
   * delivery, its history) and reconciles it: settled at once, while deliveries are still refused
   * and long before its window closes — the signal's doing — and credited once.
   */
  @Test
  void aNotificationThatCannotBeDeliveredIsFoundLookedAtAndReconciledWithTheReadmesLines() {
    BigDecimal before = stack.balance("1");
    String txNo;
    String workflowId;
    JsonNode reconciled;
    Instant windowCloses;
    refuseDeliveries();
    try {
      txNo = stack.recharge("1", "7.77");
      workflowId = "notify-" + txNo;
      windowCloses =
          Instant.parse(stack.awaitAttempts(txNo, 2, SOON).path("windowClosesAt").asString());

      String listed =
          await("the README's list line finds " + workflowId + " by its TxNo")
              .atMost(SOON)
              .pollInterval(Duration.ofMillis(200))
              .until(() -> tctl.run(runbook.line(LIST).forTxNo(txNo)), out -> out.contains(txNo));
      assertThat(listed.lines().filter(row -> row.contains(workflowId)))
          .singleElement()
          .asString()
          .contains("NotifyWorkflowV3");

      JsonNode described = JsonApi.JSON.readTree(tctl.run(runbook.line(DESCRIBE).forTxNo(txNo)));
      JsonNode info = described.path("workflowExecutionInfo");
      assertThat(info.path("execution").path("workflowId").asString()).isEqualTo(workflowId);
      assertThat(info.path("type").path("name").asString()).isEqualTo("NotifyWorkflowV3");
      assertThat(info.path("status").asString()).isEqualTo("Running");
      JsonNode pending = described.path("pendingActivities").get(0);
      assertThat(pending.path("activityType").path("name").asString()).isEqualTo("Deliver");
      assertThat(pending.path("attempt").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(pending.path("lastFailure").toString())
          .as("the last failure of the pending delivery tctl describes: %s", pending)
          .contains("503");

      assertThat(tctl.run(runbook.line(SHOW).forTxNo(txNo)))
          .contains("WorkflowExecutionStarted")
          .contains("ActivityTaskScheduled")
          .contains("Deliver")
          .doesNotContain("WorkflowExecutionSignaled");

      assertThat(tctl.run(runbook.line(RECONCILE).forTxNo(txNo)))
          .contains("Signal workflow succeeded");
      reconciled = stack.awaitNotification(txNo, "RECONCILED", SOON);
    } finally {
      acceptDeliveries();
    }

    assertThat(reconciled.path("payResult").asString()).isEqualTo("success");
    assertThat(Instant.parse(reconciled.path("finishedAt").asString())).isBefore(windowCloses);
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("7.77")));
    // The history holds tctl's signal, and the end: nothing is delivered after it.
    assertThat(tctl.run(runbook.line(SHOW).forTxNo(txNo)))
        .containsPattern("WorkflowExecutionSignaled\\s+\\{SignalName:reconcile,\\s+Identity:tctl@")
        .contains("WorkflowExecutionCompleted");
  }

  /**
   * Once the receiver's fault is fixed, one batch retry by query delivers again every notification
   * that needs attention, each credited once.
   */
  @Test
  void theReadmesBatchRetryByQueryReachesEveryNotificationNeedingAttention() {
    BigDecimal before = stack.balance("2");
    List<String> waiting = needingAttention("2", "1.10", "2.20", "3.30");
    TctlRunbook.Line batch = runbook.line(BATCH);
    // A batch signals what the visibility store finds: wait until it finds each one.
    for (String txNo : waiting) {
      String query = "(" + batch.option("--query") + ") AND WorkflowId = \"notify-" + txNo + "\"";
      await("notify-" + txNo + " found by the batch's query")
          .atMost(SOON)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> tctl.run("workflow", "count", "--query", query).strip(), "1"::equals);
    }

    assertThat(tctl.run(batch.arguments())).containsPattern("Batch job \\S+ is started");

    for (String txNo : waiting) {
      JsonNode notified = stack.awaitNotification(txNo, "NOTIFIED", Duration.ofSeconds(30));
      assertThat(notified.path("attempts").asInt()).as("%s delivered again", txNo).isGreaterThan(1);
      assertThat(tctl.run(runbook.line(SHOW).forTxNo(txNo)))
          .containsPattern("WorkflowExecutionSignaled\\s+\\{SignalName:retry");
    }
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("6.60")));
  }

  /**
   * The README's TLS line (for a cluster over mTLS) sets variables this tctl reads, as its own help
   * names them, with the cluster's certificates.
   */
  @Test
  void theReadmesTlsLineSetsVariablesThisTctlReadsWithTheClustersCertificates() {
    String help = tctl.run("--help");
    Matcher variable = Pattern.compile("\\[\\$(TEMPORAL_CLI_TLS_\\w+)]").matcher(help);
    List<String> read = variable.results().map(match -> match.group(1)).toList();

    Map<String, String> exported = runbook.exported();
    assertThat(read).containsAll(exported.keySet());
    assertThat(exported)
        .containsEntry("TEMPORAL_CLI_TLS_CA", ".data/cluster/tls/ca.pem")
        .containsEntry("TEMPORAL_CLI_TLS_CERT", ".data/cluster/tls/client.pem")
        .containsEntry("TEMPORAL_CLI_TLS_KEY", ".data/cluster/tls/client-key.pem");
  }
}
