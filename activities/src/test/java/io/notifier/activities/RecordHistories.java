package io.notifier.activities;

import static io.notifier.activities.NotifyTestEnvironment.recharge;
import static io.notifier.activities.NotifyTestEnvironment.resultOf;

import io.notifier.testing.AccountApiStub;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.testing.StubHttpServer.Received;
import io.notifier.workflows.NotifyWorkflow;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Records the histories that the workflows module's {@code NotifyWorkflowReplayTest} replays, with
 * the real activities against a stand-in of account-api. Run it only to freeze a new version of the
 * workflow, never to "fix" a failing replay: a replay that fails means running notifications would
 * break, and the change needs {@code Workflow.getVersion} or a new workflow type.
 *
 * <pre>
 * mvn -pl activities -am install -DskipTests
 * mvn -pl activities exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.notifier.activities.RecordHistories \
 *   -Dexec.args=$PWD/workflows/src/test/resources/histories/v6
 * </pre>
 */
public final class RecordHistories {

  private static final Function<Received, Answer> FAIL = request -> AccountApiStub.unavailable();
  private static final Function<Received, Answer> TAKE = AccountApiStub::acknowledged;

  /** Each scenario of the replay test, as it is recorded. */
  static final Map<String, BiConsumer<NotifyTestEnvironment, String>> SCENARIOS =
      Map.ofEntries(
          Map.entry(
              "delivered-at-once",
              (env, tx) -> {
                env.accountApi.notifications(TAKE);
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "delivered-after-retries",
              (env, tx) -> {
                env.accountApi.notifications(failing(3, TAKE));
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "rejected-then-reconciled",
              (env, tx) -> {
                env.accountApi.notifications(
                    failing(1, request -> AccountApiStub.unknownAccount()));
                env.accountApi.reconciliation(tx, reconciled(tx));
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "reconciled-by-timer",
              (env, tx) -> {
                env.accountApi.notifications(FAIL);
                env.accountApi.reconciliation(tx, reconciled(tx));
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "reconciled-by-signal",
              (env, tx) -> {
                env.accountApi.notifications(FAIL);
                env.accountApi.reconciliation(tx, reconciled(tx));
                NotifyWorkflow workflow = env.start(recharge(tx), SeedPolicy.POLICY);
                env.skip(Duration.ofMinutes(7));
                workflow.reconcile();
                resultOf(workflow);
              }),
          Map.entry(
              "needs-attention-then-retried",
              (env, tx) -> {
                NotifyWorkflow workflow = needingAttention(env, tx);
                env.accountApi.notifications(TAKE);
                workflow.retry();
                resultOf(workflow);
              }),
          Map.entry(
              "needs-attention-then-reconciled",
              (env, tx) -> {
                NotifyWorkflow workflow = needingAttention(env, tx);
                env.accountApi.reconciliation(tx, reconciled(tx));
                workflow.reconcile();
                resultOf(workflow);
              }),
          Map.entry(
              "needs-attention-then-closed",
              (env, tx) -> {
                NotifyWorkflow workflow = needingAttention(env, tx);
                workflow.close("refunded by hand");
                resultOf(workflow);
              }),
          Map.entry(
              "closed-while-notifying",
              (env, tx) -> {
                env.accountApi.notifications(FAIL);
                NotifyWorkflow workflow = env.start(recharge(tx), SeedPolicy.POLICY);
                env.skip(Duration.ofMinutes(7));
                workflow.close("paid back at the counter");
                resultOf(workflow);
              }),
          Map.entry(
              "reconciliation-gave-up-then-closed",
              (env, tx) -> {
                env.accountApi.notifications(FAIL);
                env.accountApi.reconciliation(tx, request -> AccountApiStub.gatewayPage(502));
                NotifyWorkflow workflow = env.start(recharge(tx), SeedPolicy.POLICY);
                env.skip(Duration.ofDays(9));
                workflow.close("settled by hand");
                resultOf(workflow);
              }));

  /** Rejected at the second attempt; pay-api's query interface seems not to know it. */
  private static NotifyWorkflow needingAttention(NotifyTestEnvironment env, String tx) {
    env.accountApi.notifications(failing(1, request -> AccountApiStub.unknownAccount()));
    env.accountApi.reconciliation(tx, request -> AccountApiStub.unknownTxNo());
    NotifyWorkflow workflow = env.start(recharge(tx), SeedPolicy.POLICY);
    env.skip(Duration.ofMinutes(2));
    return workflow;
  }

  private static Function<Received, Answer> failing(int times, Function<Received, Answer> then) {
    AtomicInteger calls = new AtomicInteger();
    return request -> calls.incrementAndGet() <= times ? FAIL.apply(request) : then.apply(request);
  }

  private static Function<Received, Answer> reconciled(String tx) {
    return request -> AccountApiStub.reconciled(tx, "success", true, false);
  }

  private RecordHistories() {}

  /**
   * The OperatorEvent workflows the notification started, each once it has sent its event: {@code
   * <scenario>-<n>.json}.
   */
  private static void recordOperatorEvents(
      NotifyTestEnvironment env, String txNo, Path dir, String scenario) throws IOException {
    WorkflowClient client = env.temporal.getWorkflowClient();
    List<String> children =
        client.fetchHistory(NotifyWorkflow.workflowId(txNo)).getEvents().stream()
            .filter(HistoryEvent::hasStartChildWorkflowExecutionInitiatedEventAttributes)
            .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
            .toList();
    for (int n = 0; n < children.size(); n++) {
      String id = children.get(n);
      client.newUntypedWorkflowStub(id).getResult(Void.class);
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(scenario + "-" + (n + 1) + ".json"), client.fetchHistory(id).toJson(true));
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/histories");
    Files.createDirectories(dir);
    for (var scenario : SCENARIOS.entrySet()) {
      String txNo = "tx-" + scenario.getKey();
      // With operator events on: their child workflows are part of what must replay.
      try (NotifyTestEnvironment env = NotifyTestEnvironment.withOperatorEvents()) {
        scenario.getValue().accept(env, txNo);
        String history =
            env.temporal
                .getWorkflowClient()
                .fetchHistory(NotifyWorkflow.workflowId(txNo))
                .toJson(true);
        Files.writeString(dir.resolve(scenario.getKey() + ".json"), history);
        recordOperatorEvents(env, txNo, dir.resolve("operator-events"), scenario.getKey());
      }
    }
    System.out.println("Recorded histories in " + dir.toAbsolutePath());
  }
}
