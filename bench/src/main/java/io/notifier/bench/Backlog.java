package io.notifier.bench;

import static io.notifier.bench.Bench.say;

import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.notifier.bench.load.Load;
import io.notifier.bench.process.ProcessFigures;
import io.notifier.bench.recharge.RechargeScenarios;
import io.notifier.bench.temporal.TemporalCalls;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario 9, in three steps around the receiver's outage that bench/run.sh arranges: the balance
 * before (account-api up), the backlog (account-api down: recharges pile up as pending
 * notifications, then the memory they hold), the drain (account-api back: credits per second until
 * every one is in).
 */
final class Backlog {

  private final Options options;
  private final Results results;
  private final Api pay;
  private final Api payOperator;

  Backlog(Options options, Results results, Api pay, Api payOperator) {
    this.options = options;
    this.results = results;
    this.pay = pay;
    this.payOperator = payOperator;
  }

  private RechargeScenarios scenarios() {
    Api account =
        options
            .optional("account-api")
            .map(
                a ->
                    Api.at(options.uri("account-api"))
                        .withBearer(Optional.ofNullable(System.getenv("BENCH_ACCOUNT_READ_KEY"))))
            .orElse(null);
    return new RechargeScenarios(pay, account, Bench.ACCOUNT, options.seconds("timeout-s", 7200));
  }

  void before() {
    RechargeScenarios scenarios = scenarios();
    // One recharge while account-api is up, as before any outage: pay-api learns that the account
    // exists (account-check.cache-for) and does not refuse the recharges made while it is down.
    BigDecimal balance = scenarios.balance().add(RechargeScenarios.AMOUNT);
    scenarios.recharge();
    scenarios.awaitBalance(balance, Duration.ofMillis(20));
    ObjectNode figures = Api.JSON.createObjectNode();
    figures.put("balance_before", balance.toPlainString());
    results.put("backlog", figures);
  }

  void fill() {
    int count = options.number("count", 100_000);
    int concurrency = options.number("concurrency", 16);
    RechargeScenarios scenarios = scenarios();
    AtomicReference<String> last = new AtomicReference<>();
    say("backlog: %d recharges from %d clients while account-api is down", count, concurrency);
    Load.Run run =
        Load.run(count, concurrency, i -> last.set(scenarios.recharge().path("txNo").asString()));
    say("  %.1f recharges/s accepted; waiting for the last one's first attempt", run.perSecond());
    if (run.failures() > 0) {
      throw new IllegalStateException(
          run.failures() + " recharges were refused, the first: " + run.firstError());
    }
    long start = System.nanoTime();
    awaitAttempt(last.get());
    ObjectNode figures = (ObjectNode) results.section("backlog");
    figures.put("count", count);
    figures.put("concurrency", concurrency);
    figures.put("failures", run.failures());
    figures.put("accepted_per_s", Latencies.round(run.perSecond()));
    figures.put(
        "seconds_until_last_first_attempt", Latencies.round((System.nanoTime() - start) / 1e9));
    // The first attempt runs inside the first workflow task; this is how late the retries ran.
    new TemporalCalls(payOperator)
        .meanDeliveryScheduleToStartSeconds()
        .ifPresent(late -> figures.put("attempts_late_by_mean_s", Latencies.round(late)));
    figures.set(
        "pay_api_heap_pending", ProcessFigures.heap(payOperator, options.pid("pay-api-pid")));
    ProcessFigures.rssMib(options.pid("temporal-pid"))
        .ifPresent(rss -> figures.put("temporal_rss_mib_pending", Latencies.round(rss)));
    results.put("backlog", figures);
  }

  private void awaitAttempt(String txNo) {
    long deadline = System.nanoTime() + options.seconds("timeout-s", 7200).toNanos();
    while (System.nanoTime() < deadline) {
      if (pay.get("/api/recharges/" + txNo + "/notification").body().path("attempts").asInt()
          >= 1) {
        return;
      }
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
    throw new IllegalStateException("no attempt for " + txNo);
  }

  /** {@code --receiver-started-at}: epoch milliseconds when account-api was started again. */
  void drain() {
    ObjectNode figures = (ObjectNode) results.section("backlog");
    int count = figures.path("count").asInt();
    BigDecimal target =
        new BigDecimal(figures.path("balance_before").asString())
            .add(RechargeScenarios.AMOUNT.multiply(BigDecimal.valueOf(count)));
    Instant back = Instant.ofEpochMilli(Long.parseLong(options.required("receiver-started-at")));
    RechargeScenarios scenarios = scenarios();
    say("drain: waiting for %d credits", count);
    BigDecimal before = new BigDecimal(figures.path("balance_before").asString());
    scenarios.awaitBalance(before.add(RechargeScenarios.AMOUNT), Duration.ofMillis(20));
    Instant firstCredit = Instant.now();
    scenarios.awaitBalance(target, Duration.ofMillis(200));
    Instant lastCredit = Instant.now();
    double seconds = Duration.between(back, lastCredit).toNanos() / 1e9;
    double crediting = Duration.between(firstCredit, lastCredit).toNanos() / 1e9;
    // From the receiver's start: what an operator waits. From the first credit: the notifier's own
    // pace, without the wait for the schedule's next attempt and account-api's start.
    figures.put("drain_seconds", Latencies.round(seconds));
    figures.put("drain_credited_per_s", Latencies.round(count / seconds));
    figures.put(
        "first_credit_after_s",
        Latencies.round(Duration.between(back, firstCredit).toNanos() / 1e9));
    figures.put("from_first_credit_per_s", Latencies.round(count / crediting));
    say("  %.1f credited/s (%.1f/s from the first credit)", count / seconds, count / crediting);
    figures.set(
        "pay_api_heap_drained", ProcessFigures.heap(payOperator, options.pid("pay-api-pid")));
    ProcessFigures.rssMib(options.pid("temporal-pid"))
        .ifPresent(rss -> figures.put("temporal_rss_mib_drained", Latencies.round(rss)));
    results.put("backlog", figures);
  }
}
