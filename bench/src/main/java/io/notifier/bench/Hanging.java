package io.notifier.bench;

import static io.notifier.bench.Bench.say;

import io.notifier.bench.hanging.BlackHole;
import io.notifier.bench.hanging.TaskSpans;
import io.notifier.bench.hanging.Timeline;
import io.notifier.bench.http.Api;
import io.notifier.bench.load.Latencies;
import io.notifier.bench.process.CpuTimes;
import io.notifier.bench.recharge.RechargeScenarios;
import io.notifier.bench.temporal.Histories;
import io.notifier.bench.temporal.Scrape;
import io.notifier.bench.temporal.Temporal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scenario 10, a receiver that accepts connections and never answers. pay-api's notifications go to
 * a {@link BlackHole} on {@code --receiver-port} (its account check still goes to account-api); the
 * driver warms pay-api up with the hole forwarding to account-api, then lets it hold every
 * connection, and sends recharges open-loop: {@code --rate} a second for {@code --seconds}, each at
 * its own time whatever the answers before it. Once a second, it sends the {@code reconcile} signal
 * to a notification started {@code --signal-ages} seconds before (taking the ages in turn) and
 * times how long until that notification is no longer NOTIFYING.
 *
 * <p>What the worker did comes from pay-api's {@code /actuator/prometheus}: the Temporal SDK's
 * workflow-task timers (recorded as they happen) in a scrape before and one after the run, its slot
 * gauges (reported every 10 s) sampled every second in between.
 */
final class Hanging {

  private static final String SCHEDULE_TO_START =
      "temporal_workflow_task_schedule_to_start_latency_seconds";
  private static final String EXECUTION_TOTAL =
      "temporal_workflow_task_execution_total_latency_seconds";
  private static final String EXECUTION = "temporal_workflow_task_execution_latency_seconds";
  private static final String HEARTBEATS = "temporal_workflow_task_heartbeat_total";
  private static final String SLOTS_USED = "temporal_worker_task_slots_used";
  private static final String SLOTS_AVAILABLE = "temporal_worker_task_slots_available";

  /** A recharge of the run: when it was due, sent and answered (System.nanoTime()). */
  private record Sent(
      int index, long dueNanos, long sentNanos, long answeredNanos, String txNo, String error) {}

  /** A reconcile signal and what followed it. */
  private record Probe(
      String txNo,
      double ageSeconds,
      int status,
      int attemptsWhenSignalled,
      double signalMillis,
      double settledMillis,
      String settledAs) {}

  private final Options options;
  private final Results results;
  private final Api pay;
  private final Api operator;
  private final Api account;
  private final Duration timeout;

  Hanging(Options options, Results results, Api pay, Api operator, Api account) {
    this.options = options;
    this.results = results;
    this.pay = pay;
    this.operator = operator;
    this.account = account;
    this.timeout = options.seconds("timeout-s", 900);
  }

  void run() throws Exception {
    int rate = options.number("rate", 20);
    int seconds = options.number("seconds", 30);
    int warmup = options.number("warmup", 1000);
    int concurrency = options.number("concurrency", 16);
    int[] ages =
        Arrays.stream(options.text("signal-ages", "1,15").split(","))
            .map(String::trim)
            .mapToInt(Integer::parseInt)
            .toArray();
    // The status is polled every tenth of the time waited so far, between 100 ms and this.
    Duration poll = Duration.ofMillis(options.number("status-poll-ms", 500));
    Duration flush = options.seconds("metrics-flush-s", 10);
    URI accountUri = options.uri("account-api");
    RechargeScenarios scenarios = new RechargeScenarios(pay, account, Bench.ACCOUNT, timeout);

    ObjectNode figures = Api.JSON.createObjectNode();
    figures.put("rate_per_s", rate);
    figures.put("seconds", seconds);
    figures.put("warmup", warmup);
    figures.put("signal_ages_s", options.text("signal-ages", "1,15"));
    figures.put("status_poll_ms", poll.toMillis());

    InetSocketAddress realReceiver =
        warmup > 0 ? new InetSocketAddress(accountUri.getHost(), accountUri.getPort()) : null;
    try (BlackHole hole = BlackHole.listen(options.number("receiver-port", 0), realReceiver)) {
      if (warmup > 0) {
        say(
            "warm-up: %d recharges from %d clients, their notifications forwarded to account-api",
            warmup, concurrency);
        scenarios.throughput(warmup, concurrency);
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // the last workflows complete
      }
      hole.hold();
      say(
          "the receiver now holds every connection; waiting %d s for the SDK's metrics",
          flush.plusSeconds(2).toSeconds());
      LockSupport.parkNanos(flush.plusSeconds(2).toNanos());
      Scrape before = Scrape.of(operator);
      figures.put("load_average_before", loadAverage());

      int count = rate * seconds;
      AtomicReferenceArray<Sent> sent = new AtomicReferenceArray<>(count);
      List<Probe> probes = Collections.synchronizedList(new ArrayList<>());
      Set<Integer> signalled = ConcurrentHashMap.newKeySet();
      Timeline held = new Timeline();
      Timeline workflowSlotsUsed = new Timeline();
      Timeline workflowSlotsAvailable = new Timeline();
      Timeline localActivitySlotsUsed = new Timeline();
      Timeline activitySlotsUsed = new Timeline();
      // What a single scrape would have shown at each moment: cumulative since pay-api started.
      Map<String, String> scrapes = Collections.synchronizedMap(new LinkedHashMap<>());

      CpuTimes cpu = new CpuTimes(options.text("pids", "")).start();
      double machineBusyBefore = CpuTimes.machineBusySeconds();
      long cpuStart = System.nanoTime();
      long t0 = System.nanoTime() + Duration.ofMillis(500).toNanos();
      Instant wallNow = Instant.now();
      long toEpochNanos =
          wallNow.getEpochSecond() * 1_000_000_000L + wallNow.getNano() - System.nanoTime();
      ScheduledExecutorService samplers = Executors.newScheduledThreadPool(2);
      samplers.scheduleAtFixedRate(
          () -> held.add(System.nanoTime(), hole.open()), 0, 100, TimeUnit.MILLISECONDS);
      samplers.scheduleAtFixedRate(
          () -> {
            try {
              Scrape now = Scrape.of(operator);
              workflowSlotsUsed.add(
                  now.nanoTime(), now.sum(SLOTS_USED, Scrape.workerType("WorkflowWorker")));
              workflowSlotsAvailable.add(
                  now.nanoTime(), now.sum(SLOTS_AVAILABLE, Scrape.workerType("WorkflowWorker")));
              localActivitySlotsUsed.add(
                  now.nanoTime(), now.sum(SLOTS_USED, Scrape.workerType("LocalActivityWorker")));
              activitySlotsUsed.add(
                  now.nanoTime(), now.sum(SLOTS_USED, Scrape.workerType("ActivityWorker")));
              double polled = now.sum(SCHEDULE_TO_START + "_count");
              scrapes.put(
                  "%+.1f s".formatted((now.nanoTime() - t0) / 1e9),
                  "%.0f handled, %.0f polled, mean %.3f s; slots used %.0f"
                      .formatted(
                          now.sum(EXECUTION_TOTAL + "_count"),
                          polled,
                          polled > 0 ? now.sum(SCHEDULE_TO_START + "_sum") / polled : 0,
                          now.sum(SLOTS_USED, Scrape.workerType("WorkflowWorker"))));
            } catch (RuntimeException missed) {
              // one sample fewer; the schedule goes on
            }
          },
          0,
          1,
          TimeUnit.SECONDS);

      say(
          "open loop: %d recharges a second for %d s, a reconcile signal every second",
          rate, seconds);
      ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();
      ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor();
      Thread pacer =
          Thread.ofPlatform()
              .name("pacer")
              .start(
                  () -> {
                    for (int i = 0; i < count; i++) {
                      long due = t0 + (long) (i * 1e9 / rate);
                      parkUntil(due);
                      int index = i;
                      posts.execute(() -> sent.set(index, recharge(scenarios, index, due)));
                    }
                  });
      Thread signaller =
          Thread.ofPlatform()
              .name("signaller")
              .start(
                  () -> {
                    for (int s = 1; s <= seconds; s++) {
                      parkUntil(t0 + s * 1_000_000_000L);
                      int age = ages[(s - 1) % ages.length];
                      if (age > s) {
                        age = Arrays.stream(ages).min().orElse(1);
                      }
                      Sent target = target(sent, signalled, (int) Math.round((s - age) * rate));
                      if (target != null) {
                        probing.execute(() -> probes.add(probe(target, poll)));
                      }
                    }
                  });
      pacer.join();
      signaller.join();
      posts.shutdown();
      posts.awaitTermination(timeout.toSeconds(), TimeUnit.SECONDS);
      long loadEnded = System.nanoTime();

      List<Sent> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        all.add(sent.get(i));
      }
      say("  sent; waiting for the last first attempts to end");
      long firstAttemptsOver = awaitFirstAttempts(all, signalled, hole);
      ObjectNode cpuPerRecharge = cpu.perUnit(count);
      figures.set("cpu_ms_per_recharge", cpuPerRecharge);
      double cpuWindow = (System.nanoTime() - cpuStart) / 1e9;
      double machineBusy = (CpuTimes.machineBusySeconds() - machineBusyBefore) / cpuWindow;
      double ours = cpuPerRecharge.path("total").asDouble() * count / 1000 / cpuWindow;
      ObjectNode machine = figures.putObject("machine_cpu_cores");
      machine.put("busy", Latencies.round(machineBusy));
      machine.put("stack_and_driver", Latencies.round(ours));
      machine.put("others", Latencies.round(machineBusy - ours));
      probing.shutdown();
      probing.awaitTermination(timeout.toSeconds(), TimeUnit.SECONDS);
      say("  waiting %d s for the SDK's metrics", flush.plusSeconds(2).toSeconds());
      LockSupport.parkNanos(flush.plusSeconds(2).toNanos());
      Scrape after = Scrape.of(operator);
      samplers.shutdownNow();
      figures.put("load_average_after", loadAverage());

      figures.set("load", load(all, rate));
      double window = (firstAttemptsOver - t0) / 1e9;
      figures.put("window_s", Latencies.round(window));
      figures.put("load_ended_after_s", Latencies.round((loadEnded - t0) / 1e9));
      figures.set("workflow_tasks", workflowTasks(before, after, window));
      ObjectNode slots = figures.putObject("slots");
      ObjectNode workflow = slots.putObject("workflow");
      workflow.put("gauge_max_used", workflowSlotsUsed.max(t0, after.nanoTime()));
      workflow.put("gauge_min_available", workflowSlotsAvailable.min(t0, after.nanoTime()));
      workflow.put(
          "gauge_mean_used", Latencies.round(workflowSlotsUsed.mean(t0, firstAttemptsOver)));
      workflow.set(
          "gauge_used_changes",
          Api.JSON.valueToTree(workflowSlotsUsed.changes(t0, after.nanoTime())));
      workflow.set(
          "gauge_available_changes",
          Api.JSON.valueToTree(workflowSlotsAvailable.changes(t0, after.nanoTime())));
      synchronized (scrapes) {
        workflow.set("scrapes_since_start", Api.JSON.valueToTree(scrapes));
      }
      slots.put("local_activity_gauge_max_used", localActivitySlotsUsed.max(t0, after.nanoTime()));
      slots.put("activity_gauge_max_used", activitySlotsUsed.max(t0, after.nanoTime()));
      ObjectNode receiver = figures.putObject("receiver");
      receiver.put("held_max", held.max(t0, firstAttemptsOver));
      receiver.put("held_mean", Latencies.round(held.mean(t0, firstAttemptsOver)));
      receiver.put("connections_accepted", hole.accepted());
      receiver.put("ended_by_client", hole.endedByClient());
      receiver.set(
          "held_max_per_second", Api.JSON.valueToTree(held.maxPerSecond(t0, firstAttemptsOver)));
      figures.set("signals", signals(probes));

      say("  histories of a few of the run's notifications");
      try (Temporal temporal =
          new Temporal(options.required("temporal"), options.text("namespace", "default"))) {
        Histories histories = new Histories(temporal.client(), timeout);
        ObjectNode history = figures.putObject("history");
        List<String> plain =
            all.stream()
                .filter(s -> s != null && s.txNo() != null && !signalled.contains(s.index()))
                .skip(count / 2)
                .limit(3)
                .map(Sent::txNo)
                .toList();
        history.set("not_signalled", histories.eventsOf(plain));
        history.set(
            "signalled_during_first_attempt", histories.eventsOf(signalledTxNos(probes, true)));
        history.set(
            "signalled_after_first_attempt", histories.eventsOf(signalledTxNos(probes, false)));
        say("  the workflow tasks of all %d, from their histories", count);
        TaskSpans spans = new TaskSpans();
        all.stream()
            .filter(s -> s != null && s.txNo() != null)
            .forEach(s -> spans.add(histories.events(s.txNo())));
        figures.set(
            "workflow_tasks_in_histories",
            spans.figures(t0 + toEpochNanos, firstAttemptsOver + toEpochNanos));
      }
    }
    results.put("hanging", figures);
    JsonNode tasks = figures.path("workflow_tasks");
    JsonNode fromHistories = figures.path("workflow_tasks_in_histories");
    say(
        "  %s workflow tasks from a queue, schedule-to-start mean %s s; slots busy: %s on average,"
            + " %s at most",
        tasks.path("polled").asString(),
        tasks.path("schedule_to_start").path("mean_s").asString(),
        fromHistories.path("slots_busy_mean").asString(),
        fromHistories.path("slots_busy_max").asString());
  }

  private Sent recharge(RechargeScenarios scenarios, int index, long due) {
    long sentAt = System.nanoTime();
    try {
      String txNo = scenarios.recharge().path("txNo").asString();
      return new Sent(index, due, sentAt, System.nanoTime(), txNo, null);
    } catch (RuntimeException e) {
      return new Sent(index, due, sentAt, System.nanoTime(), null, e.toString());
    }
  }

  /** The latest recharge answered at or before {@code index}, not signalled yet. */
  private static Sent target(AtomicReferenceArray<Sent> sent, Set<Integer> signalled, int index) {
    for (int i = Math.min(index, sent.length() - 1); i >= 0; i--) {
      Sent candidate = sent.get(i);
      if (candidate != null && candidate.txNo() != null && signalled.add(i)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Sends {@code reconcile} (as the operator) and polls the status until it is no longer NOTIFYING,
   * every tenth of the time waited so far (100 ms at least, {@code poll} at most: a resolution of
   * 10 % without a storm of polls on a busy stack). The signal's own answer tells whether the first
   * attempt had ended: it shows the attempts the server knows of, none while the first attempt is
   * still in flight.
   */
  private Probe probe(Sent target, Duration poll) {
    String path = "/api/recharges/" + target.txNo() + "/notification";
    long start = System.nanoTime();
    double age = (start - target.sentNanos()) / 1e9;
    Api.Response signal;
    try {
      signal = operator.post(path + "/reconcile", Map.of());
    } catch (RuntimeException e) {
      return new Probe(target.txNo(), age, 0, -1, Double.NaN, Double.NaN, e.toString());
    }
    double signalMillis = (System.nanoTime() - start) / 1e6;
    int attempts = signal.body().path("attempts").asInt(-1);
    String status = signal.body().path("status").asString();
    long deadline = start + Duration.ofSeconds(options.number("probe-timeout-s", 120)).toNanos();
    while (signal.status() == 202 && "NOTIFYING".equals(status) && System.nanoTime() < deadline) {
      long waited = System.nanoTime() - start;
      LockSupport.parkNanos(Math.clamp(waited / 10, 100_000_000L, poll.toNanos()));
      try {
        status = pay.get(path).body().path("status").asString();
      } catch (RuntimeException e) {
        status = "NOTIFYING"; // not answered: try again
      }
    }
    boolean settled = signal.status() == 202 && !"NOTIFYING".equals(status);
    return new Probe(
        target.txNo(),
        age,
        signal.status(),
        attempts,
        signalMillis,
        settled ? (System.nanoTime() - start) / 1e6 : Double.NaN,
        status);
  }

  /**
   * Waits until the last recharge's first attempt has ended (its status shows one attempt), then
   * until the receiver holds no more connections than the signalled notifications' reconciliations
   * may hold, for {@code --settle-s} at most (attempts made after the first, by a change of the
   * notifier's, must not keep the window open): the end of the window the slot figures are averaged
   * over. Checked every 200 ms.
   */
  private long awaitFirstAttempts(List<Sent> all, Set<Integer> signalled, BlackHole hole) {
    Duration every = Duration.ofMillis(200);
    Sent last =
        all.reversed().stream()
            .filter(s -> s != null && s.txNo() != null && !signalled.contains(s.index()))
            .findFirst()
            .orElse(null);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (last != null
        && pay.get("/api/recharges/" + last.txNo() + "/notification")
                .body()
                .path("attempts")
                .asInt()
            < 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the last first attempt did not end within " + timeout);
      }
      LockSupport.parkNanos(every.toNanos());
    }
    long settled = System.nanoTime() + options.seconds("settle-s", 15).toNanos();
    while (hole.open() > signalled.size() && System.nanoTime() < settled) {
      LockSupport.parkNanos(every.toNanos());
    }
    return System.nanoTime();
  }

  private static ObjectNode load(List<Sent> all, int rate) {
    ObjectNode load = Api.JSON.createObjectNode();
    Latencies answered = new Latencies();
    long lagMax = 0;
    int failures = 0;
    String firstError = null;
    for (Sent sent : all) {
      if (sent == null) {
        failures++;
        continue;
      }
      lagMax = Math.max(lagMax, sent.sentNanos() - sent.dueNanos());
      if (sent.txNo() == null) {
        failures++;
        firstError = firstError == null ? sent.error() : firstError;
      } else {
        answered.addNanos(sent.answeredNanos() - sent.sentNanos());
      }
    }
    load.put("count", all.size());
    load.put("failures", failures);
    if (firstError != null) {
      load.put("first_error", firstError);
    }
    List<Long> sentAt = all.stream().filter(s -> s != null).map(Sent::sentNanos).sorted().toList();
    if (sentAt.size() > 1) {
      double spanSeconds = (sentAt.getLast() - sentAt.getFirst()) / 1e9;
      load.put("sent_per_s", Latencies.round((sentAt.size() - 1) / spanSeconds));
    }
    load.put("pacing_lag_max_ms", Latencies.round(lagMax / 1e6));
    answered.writeTo(load.putObject("recharge_response"));
    return load;
  }

  private ObjectNode workflowTasks(Scrape before, Scrape after, double window) {
    ObjectNode tasks = Api.JSON.createObjectNode();
    if (!after.has(EXECUTION_TOTAL + "_count")) {
      tasks.put(
          "missing",
          "pay-api's /actuator/prometheus has no temporal_workflow_task_* timers: the SDK's"
              + " metrics are not exported");
      return tasks;
    }
    double handled = delta(before, after, EXECUTION_TOTAL + "_count");
    double slotSeconds = delta(before, after, EXECUTION_TOTAL + "_sum");
    tasks.put("handled", handled);
    tasks.put("handled_including_heartbeats", delta(before, after, EXECUTION + "_count"));
    tasks.put("heartbeats", delta(before, after, HEARTBEATS));
    tasks.put("slot_seconds", Latencies.round(slotSeconds));
    tasks.put("slots_busy_mean", Latencies.round(slotSeconds / window));
    tasks.put("hold_mean_s", round3(slotSeconds / handled));
    tasks.put("hold_max_s", round3(after.max(EXECUTION_TOTAL + "_max", labels -> true)));
    double polled = delta(before, after, SCHEDULE_TO_START + "_count");
    tasks.put("polled", polled);
    ObjectNode latency = tasks.putObject("schedule_to_start");
    latency.put("mean_s", round3(delta(before, after, SCHEDULE_TO_START + "_sum") / polled));
    TreeMap<Double, Double> buckets = deltaBuckets(before, after, SCHEDULE_TO_START);
    if (buckets.isEmpty()) {
      latency.put("percentiles", "not published (no _bucket series)");
    } else {
      latency.put("p50_s_at_most", bucketBound(buckets, 0.50));
      latency.put("p99_s_at_most", bucketBound(buckets, 0.99));
      latency.put("max_s_at_most", bucketBound(buckets, 1.0));
    }
    latency.put("max_s", round3(after.max(SCHEDULE_TO_START + "_max", labels -> true)));
    // What pay-api's process shows in total, warm-up included: the figure one scrape gives.
    ObjectNode sinceStart = tasks.putObject("since_pay_api_started");
    double polledTotal = after.sum(SCHEDULE_TO_START + "_count");
    sinceStart.put("polled", polledTotal);
    sinceStart.put(
        "schedule_to_start_mean_s", round3(after.sum(SCHEDULE_TO_START + "_sum") / polledTotal));
    sinceStart.put("handled", after.sum(EXECUTION_TOTAL + "_count"));
    return tasks;
  }

  private static double delta(Scrape before, Scrape after, String name) {
    return after.sum(name) - before.sum(name);
  }

  private static TreeMap<Double, Double> deltaBuckets(Scrape before, Scrape after, String name) {
    TreeMap<Double, Double> buckets = after.buckets(name);
    TreeMap<Double, Double> earlier = before.buckets(name);
    buckets.replaceAll((bound, count) -> count - earlier.getOrDefault(bound, 0.0));
    return buckets;
  }

  /** The upper bound of the bucket that holds the {@code quantile}: the value is at most that. */
  private static double bucketBound(TreeMap<Double, Double> cumulative, double quantile) {
    double total = cumulative.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    for (var bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= Math.ceil(quantile * total)) {
        return bucket.getKey();
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static ObjectNode signals(List<Probe> probes) {
    ObjectNode signals = Api.JSON.createObjectNode();
    List<Probe> all = List.copyOf(probes);
    signals.put("sent", all.size());
    signals.put("refused", all.stream().filter(p -> p.status() != 202).count());
    signals.put(
        "unsettled",
        all.stream().filter(p -> p.status() == 202 && Double.isNaN(p.settledMillis())).count());
    settled(all, signals.putObject("all"));
    settled(
        all.stream().filter(p -> p.attemptsWhenSignalled() == 0).toList(),
        signals.putObject("during_first_attempt"));
    settled(
        all.stream().filter(p -> p.attemptsWhenSignalled() >= 1).toList(),
        signals.putObject("after_first_attempt"));
    Latencies answered = new Latencies();
    all.stream()
        .filter(p -> !Double.isNaN(p.signalMillis()))
        .forEach(p -> answered.addMillis(p.signalMillis()));
    answered.writeTo(signals.putObject("signal_response"));
    signals.set(
        "each",
        Api.JSON.valueToTree(
            all.stream()
                .map(
                    p ->
                        "age %.1f s, attempts %d → %s after %s ms"
                            .formatted(
                                p.ageSeconds(),
                                p.attemptsWhenSignalled(),
                                p.settledAs(),
                                Latencies.round(p.settledMillis())))
                .toList()));
    return signals;
  }

  private static void settled(List<Probe> probes, ObjectNode into) {
    Latencies latencies = new Latencies();
    probes.stream()
        .filter(p -> !Double.isNaN(p.settledMillis()))
        .forEach(p -> latencies.addMillis(p.settledMillis()));
    latencies.writeTo(into);
    into.put(
        "age_s_mean",
        Latencies.round(
            probes.stream().mapToDouble(Probe::ageSeconds).average().orElse(Double.NaN)));
  }

  private static List<String> signalledTxNos(List<Probe> probes, boolean duringFirstAttempt) {
    return List.copyOf(probes).stream()
        .filter(p -> p.status() == 202)
        .filter(p -> (p.attemptsWhenSignalled() == 0) == duringFirstAttempt)
        .limit(3)
        .map(Probe::txNo)
        .toList();
  }

  private static void parkUntil(long nanos) {
    for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
