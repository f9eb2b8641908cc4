package io.notifier.workflows;

import static io.notifier.workflows.support.FakeReceiver.Answer.FAIL;
import static io.notifier.workflows.support.FakeReceiver.Answer.HOLD;
import static io.notifier.workflows.support.FakeReceiver.Answer.REJECT;
import static io.notifier.workflows.support.FakeReceiver.Answer.TAKE;
import static io.notifier.workflows.support.NotifyTestEnvironment.recharge;
import static io.notifier.workflows.support.NotifyTestEnvironment.resultOf;

import io.notifier.workflows.support.NotifyTestEnvironment;
import io.notifier.workflows.support.SeedPolicy;
import io.temporal.api.enums.v1.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Records the histories that {@link NotifyWorkflowReplayTest} replays. Run it only to freeze a new
 * version of the workflow, never to "fix" a failing replay: a replay that fails means running
 * notifications would break, and the change needs {@code Workflow.getVersion} or a new workflow
 * type.
 *
 * <pre>
 * mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.notifier.workflows.RecordHistories \
 *   -Dexec.args=workflows/src/test/resources/histories/v4
 * </pre>
 */
public final class RecordHistories {

  /** Each scenario of the replay test, as it is recorded. */
  static final Map<String, BiConsumer<NotifyTestEnvironment, String>> SCENARIOS =
      Map.ofEntries(
          Map.entry(
              "delivered-at-once",
              (env, tx) -> {
                env.receiver.answers(TAKE);
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "delivered-after-retries",
              (env, tx) -> {
                env.receiver.answers(attempt -> attempt < 4 ? FAIL : TAKE);
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "rejected",
              (env, tx) -> {
                env.receiver.answers(attempt -> attempt < 2 ? FAIL : REJECT);
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "reconciled-by-timer",
              (env, tx) -> {
                env.receiver.answers(FAIL);
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }),
          Map.entry(
              "reconciled-by-signal",
              (env, tx) -> {
                env.receiver.answers(FAIL);
                NotifyWorkflow workflow = env.start(recharge(tx), SeedPolicy.POLICY);
                env.skip(Duration.ofMinutes(7));
                workflow.reconcile();
                resultOf(workflow);
              }),
          Map.entry(
              "delivered-while-reconcile-was-requested",
              (env, tx) -> {
                env.receiver.answers(attempt -> attempt < 2 ? FAIL : HOLD);
                NotifyWorkflow workflow = env.start(recharge(tx), SeedPolicy.POLICY);
                env.skip(Duration.ofMinutes(1));
                env.receiver.awaitHolding();
                workflow.reconcile();
                env.awaitEvent(tx, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
                env.receiver.release(TAKE);
                resultOf(workflow);
              }),
          Map.entry(
              "reconciliation-gave-up",
              (env, tx) -> {
                env.receiver.answers(FAIL);
                env.accountApi.unavailable();
                resultOf(env.start(recharge(tx), SeedPolicy.POLICY));
              }));

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/histories");
    Files.createDirectories(dir);
    for (var scenario : SCENARIOS.entrySet()) {
      String txNo = "tx-" + scenario.getKey();
      try (NotifyTestEnvironment env = new NotifyTestEnvironment()) {
        scenario.getValue().accept(env, txNo);
        String history =
            env.temporal
                .getWorkflowClient()
                .fetchHistory(NotifyWorkflow.workflowId(txNo))
                .toJson(true);
        Files.writeString(dir.resolve(scenario.getKey() + ".json"), history);
      }
    }
    System.out.println("Recorded histories in " + dir.toAbsolutePath());
  }
}
