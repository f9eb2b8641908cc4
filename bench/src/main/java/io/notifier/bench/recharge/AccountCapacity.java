package io.notifier.bench.recharge;

import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.notifier.bench.load.Load;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * account-api alone: notifications posted straight to {@code POST /api/notifications}, each with a
 * txNo of its own, so each is a credit. Its answer comes after its transaction commits, so the last
 * answer is the last credit. This is the receiver's ceiling, whatever sends to it.
 */
public final class AccountCapacity {

  private AccountCapacity() {}

  public static ObjectNode measure(
      Api account, String accountNo, int count, int concurrency, String runId) {
    Load.Run run =
        Load.run(
            count,
            concurrency,
            i -> {
              Api.Response answer =
                  account.post(
                      "/api/notifications",
                      Map.of(
                          "txNo",
                          "bench-" + runId + "-" + i,
                          "accountNo",
                          accountNo,
                          "amount",
                          RechargeScenarios.AMOUNT.toPlainString(),
                          "result",
                          "success"));
              if (answer.status() != 200 || !answer.body().path("credited").asBoolean()) {
                throw new IllegalStateException("HTTP " + answer.status() + " " + answer.body());
              }
            });
    ObjectNode figures = run.writeTo(Api.JSON.createObjectNode(), concurrency);
    figures.put("seconds", Latencies.round(Load.seconds(run.elapsed())));
    figures.put("credited_per_s", Latencies.round(run.perSecond()));
    return figures;
  }
}
