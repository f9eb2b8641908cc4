package io.notifier.workflows;

import static io.notifier.workflows.support.NotifyTestEnvironment.NOTIFICATIONS;
import static io.notifier.workflows.support.NotifyTestEnvironment.recharge;
import static io.notifier.workflows.support.NotifyTestEnvironment.resultOf;

import io.notifier.workflows.support.NotifyTestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Records the histories that {@link NotifyWorkflowReplayTest} replays. Run it only to freeze a new
 * version of the workflow, never to "fix" a failing replay: a replay that fails means running
 * notifications would break, and the change needs {@code Workflow.getVersion}.
 *
 * <pre>
 * mvn -pl workflows test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.notifier.workflows.RecordHistories \
 *   -Dexec.args=src/test/resources/histories/v1
 * </pre>
 */
public final class RecordHistories {

  private static final String CREDITED = "{\"status\":\"SUCCESS\",\"credited\":true}";

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/histories");
    Files.createDirectories(dir);
    record(
        dir,
        "delivered-at-once",
        (env, tx) -> {
          env.accountApi.answer(NOTIFICATIONS, 200, CREDITED);
          resultOf(env.start(recharge(tx), NotifyPolicy.seed()));
        });
    record(
        dir,
        "delivered-after-retries",
        (env, tx) -> {
          env.accountApi.answer(NOTIFICATIONS, 503, "{}");
          NotifyWorkflow workflow = env.start(recharge(tx), NotifyPolicy.seed());
          env.skip(Duration.ofMinutes(20));
          env.accountApi.answer(NOTIFICATIONS, 200, CREDITED);
          resultOf(workflow);
        });
    record(
        dir,
        "rejected",
        (env, tx) -> {
          env.accountApi.answer(NOTIFICATIONS, 422, "{\"title\":\"Unknown account\"}");
          resultOf(env.start(recharge(tx), NotifyPolicy.seed()));
        });
    record(
        dir,
        "reconciled-by-timer",
        (env, tx) -> {
          env.payApi.answer("/api/recharges/" + tx, 200, paid(tx));
          env.accountApi.down();
          NotifyWorkflow workflow = env.start(recharge(tx), NotifyPolicy.seed());
          env.skip(Duration.ofHours(20));
          env.accountApi.up();
          env.accountApi.answer(NOTIFICATIONS, 200, CREDITED);
          resultOf(workflow);
        });
    record(
        dir,
        "reconciled-by-signal",
        (env, tx) -> {
          env.payApi.answer("/api/recharges/" + tx, 200, paid(tx));
          env.accountApi.answer(NOTIFICATIONS, 503, "{}");
          NotifyWorkflow workflow = env.start(recharge(tx), NotifyPolicy.seed());
          env.skip(Duration.ofMinutes(7));
          env.accountApi.answer(NOTIFICATIONS, 200, CREDITED);
          workflow.reconcile();
          resultOf(workflow);
        });
    System.out.println("Recorded histories in " + dir.toAbsolutePath());
  }

  private static void record(
      Path dir, String scenario, BiConsumer<NotifyTestEnvironment, String> run) throws IOException {
    String txNo = "tx-" + scenario;
    try (NotifyTestEnvironment env = new NotifyTestEnvironment()) {
      run.accept(env, txNo);
      String history =
          env.temporal
              .getWorkflowClient()
              .fetchHistory(NotifyWorkflow.workflowId(txNo))
              .toJson(true);
      Files.writeString(dir.resolve(scenario + ".json"), history);
    }
  }

  private static String paid(String txNo) {
    return "{\"txNo\":\"%s\",\"accountNo\":\"1\",\"amount\":\"100.00\",\"result\":\"success\"}"
        .formatted(txNo);
  }
}
