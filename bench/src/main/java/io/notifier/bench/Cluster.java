package io.notifier.bench;

import static io.notifier.bench.Bench.say;

import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.notifier.bench.process.CpuTimes;
import io.notifier.bench.recharge.RechargeScenarios;
import io.notifier.bench.temporal.TemporalCalls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario 11, the cluster as {@code ./run.sh cluster} starts it: recharges through the load
 * balancer to the pay-api instances, credits read through it from the account-api instances, the
 * notifications on Temporal Server's four services and PostgreSQL. One phase per call: bench/run.sh
 * measures with both pay-api instances, stops one ({@code ./run.sh stop pay-api-2}) and measures
 * again. Each phase: throughput and latency as scenarios 1 and 3 measure them, the CPU each process
 * spends per recharge (process trees for PostgreSQL and nginx), how busy the whole machine was, the
 * Temporal calls of every pay-api instance, and how many recharges each instance's worker
 * completed.
 */
final class Cluster {

  private final Options options;
  private final Results results;
  private final Api pay;
  private final Api account;

  Cluster(Options options, Results results, Api pay, Api account) {
    this.options = options;
    this.results = results;
    this.pay = pay;
    this.account = account;
  }

  void phase() throws Exception {
    String phase = options.required("phase");
    int count = options.number("count", 3000);
    int concurrency = options.number("concurrency", 16);
    int sequential = options.number("sequential", 200);
    int warmup = options.number("warmup", 0);
    Duration timeout = options.seconds("timeout-s", 900);
    Duration flush = options.seconds("metrics-flush-s", 10);
    // Each instance's own port, for its metrics: through the load balancer a scrape reaches
    // either.
    List<TemporalCalls> instances =
        Stream.of(options.required("instances").split(","))
            .map(
                uri ->
                    new TemporalCalls(
                        Api.at(URI.create(uri))
                            .withBearer(
                                java.util.Optional.ofNullable(
                                    System.getenv("PAY_API_OPERATOR_KEY")))))
            .toList();
    RechargeScenarios scenarios = new RechargeScenarios(pay, account, Bench.ACCOUNT, timeout);
    ObjectNode figures = Api.JSON.createObjectNode();
    figures.put("pay_api_instances", instances.size());

    if (warmup > 0) {
      say("warm-up: %d recharges", warmup);
      scenarios.throughput(warmup, concurrency);
      scenarios.latency(Math.min(20, warmup), Duration.ofMillis(1), false);
    }
    // At rest, while the SDK's counters reach Micrometer: what each process spends with no
    // recharge at all (timers, pollers, housekeeping), to tell from what a recharge costs.
    CpuTimes rest = new CpuTimes(options.text("pids", ""), options.text("trees", "")).start();
    long restStart = System.nanoTime();
    LockSupport.parkNanos(flush.plusSeconds(2).toNanos());
    ObjectNode atRest = rest.perUnit((System.nanoTime() - restStart) / 1e9);
    figures.set("cpu_ms_per_s_at_rest", atRest);
    List<Map<String, Double>> before = instances.stream().map(TemporalCalls::scrape).toList();
    List<OptionalDouble> completedBefore =
        instances.stream().map(TemporalCalls::completedWorkflows).toList();

    say(
        "throughput: %d recharges from %d clients, %d pay-api",
        count, concurrency, instances.size());
    CpuTimes cpu = new CpuTimes(options.text("pids", ""), options.text("trees", "")).start();
    double machineBefore = CpuTimes.machineBusySeconds();
    long start = System.nanoTime();
    ObjectNode throughput = scenarios.throughput(count, concurrency);
    ObjectNode perRecharge = cpu.perUnit(count);
    double window = (System.nanoTime() - start) / 1e9;
    double machine = (CpuTimes.machineBusySeconds() - machineBefore) / window;
    double ours = perRecharge.path("total").asDouble() * count / 1000 / window;
    throughput.set("cpu_ms_per_recharge", perRecharge);
    ObjectNode cores = throughput.putObject("machine_cpu_cores");
    cores.put("busy", Latencies.round(machine));
    cores.put("measured_processes", Latencies.round(ours));
    cores.put("others", Latencies.round(machine - ours));
    cores.put("load_average_after", Files.readString(Path.of("/proc/loadavg")).trim());
    figures.set("throughput", throughput);
    say(
        "  %s credited/s; %s CPU ms per recharge; cores busy %s (others %s)",
        throughput.path("credited_per_s"),
        perRecharge.path("total"),
        cores.path("busy"),
        cores.path("others"));

    awaitCompleted(instances, completedBefore, count, timeout);
    LockSupport.parkNanos(flush.plusSeconds(2).toNanos());
    Map<String, Double> beforeAll = new TreeMap<>();
    Map<String, Double> afterAll = new TreeMap<>();
    List<Double> shares = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      Map<String, Double> after = instances.get(i).scrape();
      before.get(i).forEach((key, value) -> beforeAll.merge(key, value, Double::sum));
      after.forEach((key, value) -> afterAll.merge(key, value, Double::sum));
      OptionalDouble completed = instances.get(i).completedWorkflows();
      if (completed.isPresent() && completedBefore.get(i).isPresent()) {
        shares.add(
            Latencies.round(
                (completed.getAsDouble() - completedBefore.get(i).getAsDouble()) / count * 100));
      }
    }
    figures.set("temporal_calls", TemporalCalls.perNotification(beforeAll, afterAll, count));
    figures.set("workflows_completed_percent_by_instance", Api.JSON.valueToTree(shares));

    say("latency: %d sequential recharges", sequential);
    ObjectNode latency = scenarios.latency(sequential, Duration.ofMillis(1), true);
    figures.set("latency", latency);
    say("  recharge→credited p50 %s ms", latency.path("recharge_to_credited").path("p50_ms"));

    figures.set("machine_per_process", machinePerProcess(perRecharge, atRest, window, count));
    ObjectNode cluster =
        results.section("cluster") instanceof ObjectNode existing
            ? existing
            : Api.JSON.createObjectNode();
    cluster.set(phase, figures);
    results.put("cluster", cluster);
  }

  /**
   * What the CPU per recharge says about a machine per process. A process spends, each second, what
   * it spends at rest and {@code m} ms per recharge on top (its CPU over the run less its rest over
   * the same time, per recharge): one core of its own keeps up with (1000 - rest) / m recharges a
   * second, so with a core per process the slowest one sets the rate. The driver is left out (it is
   * the users), not the balance polls it costs account-api.
   */
  static ObjectNode machinePerProcess(
      JsonNode perRecharge, JsonNode atRest, double windowSeconds, int count) {
    ObjectNode figures = Api.JSON.createObjectNode();
    ObjectNode marginal = figures.putObject("ms_per_recharge_above_rest");
    ObjectNode ceilings = figures.putObject("one_core_each_per_s");
    String bottleneck = null;
    double lowest = Double.POSITIVE_INFINITY;
    double services = 0;
    double servicesAtRest = 0;
    for (var entry : perRecharge.properties()) {
      String name = entry.getKey();
      if (name.equals("total") || name.equals("driver")) {
        continue;
      }
      double rest = atRest.path(name).asDouble(0);
      double ms = Math.max(0, entry.getValue().asDouble() - rest * windowSeconds / count);
      services += ms;
      servicesAtRest += rest;
      marginal.put(name, Math.round(ms * 100) / 100.0);
      if (ms >= 0.05) { // below that, a few ticks of 10 ms over the run: no ceiling to speak of
        double ceiling = (1000 - rest) / ms;
        ceilings.put(name, Math.round(ceiling));
        if (ceiling < lowest) {
          lowest = ceiling;
          bottleneck = name;
        }
      }
    }
    figures.put("services_ms_per_recharge_above_rest", Math.round(services * 100) / 100.0);
    figures.put("services_ms_per_s_at_rest", Math.round(servicesAtRest));
    if (bottleneck != null) {
      figures.put("bottleneck", bottleneck);
      figures.put("one_core_each_ceiling_per_s", Math.round(lowest));
    }
    int cores = Runtime.getRuntime().availableProcessors();
    figures.put("this_machine_cores", cores);
    figures.put(
        "this_machine_ceiling_per_s", Math.round((cores * 1000 - servicesAtRest) / services));
    return figures;
  }

  private static void awaitCompleted(
      List<TemporalCalls> instances, List<OptionalDouble> before, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      double completed = 0;
      for (int i = 0; i < instances.size(); i++) {
        if (before.get(i).isEmpty()) {
          return; // the metric is not exposed: nothing to wait for
        }
        completed += instances.get(i).completedWorkflows().orElse(0) - before.get(i).getAsDouble();
      }
      if (completed >= count) {
        return;
      }
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
  }
}
