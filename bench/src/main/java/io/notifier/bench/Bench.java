package io.notifier.bench;

import io.notifier.activities.signing.WebhookSigner;
import io.notifier.bench.http.Api;
import io.notifier.bench.process.CpuTimes;
import io.notifier.bench.process.ProcessFigures;
import io.notifier.bench.recharge.AccountCapacity;
import io.notifier.bench.recharge.RechargeScenarios;
import io.notifier.bench.temporal.Histories;
import io.notifier.bench.temporal.Temporal;
import io.notifier.bench.temporal.TemporalCalls;
import io.notifier.bench.temporal.TemporalFloor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark's driver. bench/run.sh starts and stops the services and calls one step at a time;
 * each step measures what it can see through the services' APIs and Temporal, prints a line of
 * progress and adds its section to the results file ({@code --results}).
 *
 * <pre>
 *   java -jar bench-exec.jar STEP --results=FILE --name=value ...
 * </pre>
 *
 * PAY_API_KEY (a bearer key for pay-api), BENCH_ACCOUNT_READ_KEY (one for account-api's balances)
 * and NOTIFY_SIGNING_SECRETS (whsec_... secrets to sign the notifications posted straight to
 * account-api) come from the environment, for the secured API.
 */
public final class Bench {

  /** The account the recharges credit; the direct notifications credit the other demo account. */
  static final String ACCOUNT = "1";

  static final String DIRECT_ACCOUNT = "2";

  private final Options options;
  private final Results results;

  private Bench(Options options) {
    this.options = options;
    this.results = Results.open(Path.of(options.required("results")));
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(
          "usage: bench STEP --results=FILE ... (steps: begin notifier floor failures seed"
              + " backlog-before backlog-fill backlog-drain hanging cluster report); see bench/run.sh");
      System.exit(2);
    }
    Bench bench = new Bench(Options.parse(Arrays.copyOfRange(args, 1, args.length)));
    switch (args[0]) {
      case "begin" -> bench.begin();
      case "notifier" -> bench.notifier();
      case "floor" -> bench.floor();
      case "failures" -> bench.failures();
      case "seed" -> bench.seed();
      case "backlog-before" ->
          new Backlog(bench.options, bench.results, bench.payApi(), bench.payApiOperator())
              .before();
      case "backlog-fill" ->
          new Backlog(bench.options, bench.results, bench.payApi(), bench.payApiOperator()).fill();
      case "backlog-drain" ->
          new Backlog(bench.options, bench.results, bench.payApi(), bench.payApiOperator()).drain();
      case "hanging" ->
          new Hanging(
                  bench.options,
                  bench.results,
                  bench.payApi(),
                  bench.payApiOperator(),
                  bench.accountApi())
              .run();
      case "cluster" ->
          new Cluster(bench.options, bench.results, bench.payApi(), bench.accountApi()).phase();
      case "report" -> new Report(bench.results.root(), System.out).print();
      default -> throw new IllegalArgumentException("unknown step " + args[0]);
    }
    System.exit(0); // the SDK's and the HTTP client's threads would keep the JVM alive
  }

  private int count() {
    return options.number("count", 3000);
  }

  private int concurrency() {
    return options.number("concurrency", 16);
  }

  private int sequential() {
    return options.number("sequential", 200);
  }

  private int warmup() {
    return options.number("warmup", 300);
  }

  /** How often the latency scenario polls the balance. */
  private Duration poll() {
    return Duration.ofMillis(options.number("poll-ms", 1));
  }

  /** How often pay-api's Temporal SDK hands its counters to Micrometer. */
  private Duration metricsFlush() {
    return options.seconds("metrics-flush-s", 10);
  }

  private Duration timeout() {
    return options.seconds("timeout-s", 900);
  }

  Api payApi() {
    return Api.at(options.uri("pay-api"))
        .withBearer(Optional.ofNullable(System.getenv("PAY_API_KEY")));
  }

  /** pay-api as an operator (PAY_API_OPERATOR_KEY): its metrics, Prometheus's included. */
  Api payApiOperator() {
    return Api.at(options.uri("pay-api"))
        .withBearer(Optional.ofNullable(System.getenv("PAY_API_OPERATOR_KEY")));
  }

  /**
   * account-api: balances read with BENCH_ACCOUNT_READ_KEY, notifications signed as pay-api signs
   * them.
   */
  Api accountApi() {
    return Api.at(options.uri("account-api"))
        .withBearer(Optional.ofNullable(System.getenv("BENCH_ACCOUNT_READ_KEY")))
        .withSigner(
            Optional.ofNullable(System.getenv("NOTIFY_SIGNING_SECRETS"))
                .filter(secrets -> !secrets.isBlank())
                .map(
                    secrets ->
                        new WebhookSigner(
                            java.util.Arrays.stream(secrets.split(",")).map(String::trim).toList(),
                            java.time.Clock.systemUTC())));
  }

  static void say(String format, Object... arguments) {
    System.out.printf("    %s%n", format.formatted(arguments));
  }

  /** The run's circumstances: what was measured, where, with which parameters. */
  private void begin() throws Exception {
    ObjectNode meta = Api.JSON.createObjectNode();
    meta.put("stack", options.required("stack"));
    meta.put("description", options.text("description", ""));
    meta.put("commit", options.text("commit", "?"));
    meta.put("started_at", Instant.now().toString());
    meta.put("nproc", Runtime.getRuntime().availableProcessors());
    meta.put("memory_total_gib", memTotalGib());
    meta.put("load_average_at_start", Files.readString(Path.of("/proc/loadavg")).trim());
    meta.put("java", Runtime.version().toString());
    ObjectNode parameters = meta.putObject("parameters");
    options.values().forEach((name, value) -> parameters.put(name, value));
    results.put("run", meta);
  }

  private static double memTotalGib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0 * 10) / 10.0;
      }
    }
    return Double.NaN;
  }

  /** Scenarios 1, 2, 3, 5 (first attempt), 6 and 7 on the notifier. */
  private void notifier() {
    Api pay = payApi();
    Api account = accountApi();
    String runId = Long.toString(System.currentTimeMillis(), 36);
    RechargeScenarios notifier = new RechargeScenarios(pay, account, ACCOUNT, timeout());
    ObjectNode figures = Api.JSON.createObjectNode();

    say("warm-up: %d recharges and %d direct notifications", warmup(), warmup());
    notifier.throughput(warmup(), concurrency());
    AccountCapacity.measure(account, DIRECT_ACCOUNT, warmup(), concurrency(), runId + "w");
    notifier.latency(Math.min(20, warmup()), Duration.ofMillis(1), false);

    TemporalCalls calls = new TemporalCalls(payApiOperator());
    Map<String, Double> before = calls.scrapeAfterFlush(metricsFlush());
    OptionalDouble completedBefore = calls.completedWorkflows();
    say("throughput: %d recharges from %d clients", count(), concurrency());
    CpuTimes cpu = cpuTimes().start();
    ObjectNode throughput = notifier.throughput(count(), concurrency());
    throughput.set("cpu_ms_per_recharge", cpu.perUnit(count()));
    figures.set("throughput", throughput);
    say("  %s credited/s", throughput.path("credited_per_s"));
    calls.awaitCompleted(completedBefore, count(), timeout());
    Map<String, Double> after = calls.scrapeAfterFlush(metricsFlush());
    figures.set("temporal_calls", TemporalCalls.perNotification(before, after, count()));

    say("account-api alone: %d notifications from %d clients", count(), concurrency());
    CpuTimes directCpu = cpuTimes().start();
    ObjectNode direct =
        AccountCapacity.measure(account, DIRECT_ACCOUNT, count(), concurrency(), runId);
    direct.set("cpu_ms_per_notification", directCpu.perUnit(count()));
    figures.set("account_api", direct);
    say("  %s credited/s", direct.path("credited_per_s"));
    figures.put(
        "notifier_to_account_api",
        Math.round(
                throughput.path("credited_per_s").asDouble()
                    / direct.path("credited_per_s").asDouble()
                    * 1000)
            / 1000.0);

    say("latency: %d sequential recharges", sequential());
    ObjectNode latency = notifier.latency(sequential(), poll(), true);
    figures.set("latency", latency);
    say("  recharge→credited p50 %s ms", latency.path("recharge_to_credited").path("p50_ms"));

    try (Temporal temporal = temporal()) {
      List<String> samples =
          notifier.sequentialTxNos().stream().limit(options.number("history-samples", 5)).toList();
      figures.set(
          "history_first_attempt",
          new Histories(temporal.client(), timeout()).deliveredAtFirstAttempt(samples));
    }
    figures.set("pay_api_heap", ProcessFigures.heap(payApiOperator(), options.pid("pay-api-pid")));
    results.put("notifier", figures);
  }

  /** The processes under test, {@code --pids=name=pid,...}, and the driver. */
  private CpuTimes cpuTimes() {
    return new CpuTimes(options.text("pids", ""));
  }

  private Temporal temporal() {
    return new Temporal(options.required("temporal"), options.text("namespace", "default"));
  }

  /** Scenario 4: a do-nothing workflow, eagerly started, on the same Temporal service. */
  private void floor() {
    say(
        "Temporal's floor: %d do-nothing workflows from %d threads, then %d in sequence",
        count(), concurrency(), sequential());
    try (Temporal temporal = temporal()) {
      try (TemporalFloor floor = new TemporalFloor(temporal.client(), false)) {
        ObjectNode figures =
            floor.measure(warmup(), count(), concurrency(), sequential(), cpuTimes());
        say("  %s completed/s", figures.path("completed_per_s"));
        results.put("temporal_floor", figures);
      }
      // The same with a notification's search attributes: the part of the notifier's Temporal cost
      // that is indexing, not the notifier's code. Warm already: a short warm-up, no sequential
      // run.
      say("  again with the search attributes TxNo and AccountNo");
      try (TemporalFloor floor = new TemporalFloor(temporal.client(), true)) {
        ObjectNode figures = floor.measure(concurrency(), count(), concurrency(), 0, cpuTimes());
        say("  %s completed/s", figures.path("completed_per_s"));
        results.put("temporal_floor_search_attributes", figures);
      }
    }
  }

  /** Scenario 5, failed attempts: run while account-api is down and the schedule is in seconds. */
  private void failures() {
    Api pay = payApi();
    int samples = options.number("samples", 3);
    int attempts = options.number("attempts", 3);
    say(
        "history per failed attempt: %d recharges, %d more failed attempts each",
        samples, attempts);
    RechargeScenarios notifier = new RechargeScenarios(pay, null, ACCOUNT, timeout());
    List<String> txNos =
        IntStream.range(0, samples)
            .mapToObj(i -> notifier.recharge().path("txNo").asString())
            .toList();
    try (Temporal temporal = temporal()) {
      ObjectNode figures =
          new Histories(temporal.client(), timeout()).perFailedAttempt(txNos, attempts);
      say("  %s events per failed attempt", figures.path("events_per_failed_attempt"));
      results.put("history_failed_attempt", figures);
    }
  }

  /** Scenario 8: the seed's design, behind the same REST contract. */
  private void seed() {
    RechargeScenarios seed = new RechargeScenarios(payApi(), accountApi(), ACCOUNT, timeout());
    ObjectNode figures = Api.JSON.createObjectNode();
    say("seed's design: warm-up, %d recharges from %d clients", count(), concurrency());
    seed.throughput(warmup(), concurrency());
    seed.latency(Math.min(20, warmup()), Duration.ofMillis(1), false);
    CpuTimes cpu = cpuTimes().start();
    ObjectNode throughput = seed.throughput(count(), concurrency());
    throughput.set("cpu_ms_per_recharge", cpu.perUnit(count()));
    figures.set("throughput", throughput);
    say("  %s credited/s", throughput.path("credited_per_s"));
    figures.set("latency", seed.latency(sequential(), poll(), false));
    results.put("seed", figures);
  }
}
