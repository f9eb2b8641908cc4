package io.notifier.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The results file as a table for people; the file itself is for comparing runs. */
final class Report {

  private final JsonNode root;
  private final PrintStream out;

  Report(JsonNode root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  void print() {
    JsonNode run = root.path("run");
    JsonNode notifier = root.path("notifier");
    JsonNode floor = root.path("temporal_floor");
    JsonNode seed = root.path("seed");
    out.println();
    out.printf(
        "Stack %s (%s) · commit %s · %s%n",
        run.path("stack").asString(),
        run.path("description").asString(),
        run.path("commit").asString(),
        run.path("started_at").asString());
    out.printf(
        "%d cores, %.1f GiB, load average at start %s · Java %s%n",
        run.path("nproc").asInt(),
        run.path("memory_total_gib").asDouble(),
        run.path("load_average_at_start").asString(),
        run.path("java").asString());
    out.println("-".repeat(92));
    if (root.has("cluster")) {
      cluster(root.path("cluster"));
      out.println("-".repeat(92));
      return;
    }
    row("", "notifier", "seed's design");
    if (!notifier.isMissingNode()) {
      JsonNode throughput = notifier.path("throughput");
      row(
          "throughput: %d recharges, %d clients"
              .formatted(throughput.path("count").asInt(), throughput.path("concurrency").asInt()),
          rate(throughput, "credited_per_s", "credited/s"),
          rate(seed.path("throughput"), "credited_per_s", "credited/s"));
      row(
          "  of which POSTs answered",
          rate(throughput, "accepted_per_s", "recharges/s"),
          rate(seed.path("throughput"), "accepted_per_s", "recharges/s"));
      row("  failed requests", failures(throughput), failures(seed.path("throughput")));
      row(
          "  CPU ms per recharge, all processes",
          cpu(throughput.path("cpu_ms_per_recharge")),
          cpu(seed.path("throughput").path("cpu_ms_per_recharge")));
      breakdown("    ", throughput.path("cpu_ms_per_recharge"));
      breakdown("    seed's design: ", seed.path("throughput").path("cpu_ms_per_recharge"));
      row(
          "account-api alone (POST /api/notifications)",
          rate(notifier.path("account_api"), "credited_per_s", "credited/s"),
          "");
      row(
          "  CPU ms per notification, all processes",
          cpu(notifier.path("account_api").path("cpu_ms_per_notification")),
          "");
      row(
          "  notifier / account-api",
          percent(notifier.path("notifier_to_account_api").asDouble()),
          "");
      JsonNode latency = notifier.path("latency");
      row(
          "latency: %d sequential, ms (p50/p99/max)"
              .formatted(latency.path("recharge_to_credited").path("count").asInt()),
          "",
          "");
      row(
          "  recharge → credited (balance polled %s ms)"
              .formatted(trim(latency.path("poll_interval_ms").asDouble())),
          percentiles(latency.path("recharge_to_credited")),
          percentiles(seed.path("latency").path("recharge_to_credited")));
      row(
          "  recharge POST answered",
          percentiles(latency.path("recharge_response")),
          percentiles(seed.path("latency").path("recharge_response")));
      row(
          "  recorded → NOTIFIED (pay-api's clock)",
          percentiles(latency.path("recorded_to_notified")),
          "");
    }
    if (!floor.isMissingNode()) {
      row(
          "Temporal floor: do-nothing workflow, eager",
          rate(floor, "completed_per_s", "workflows/s"),
          "");
      row(
          "  sequential start → completion, ms",
          percentiles(floor.path("start_to_completion")),
          "");
      row("  CPU ms per workflow, all processes", cpu(floor.path("cpu_ms_per_workflow")), "");
      breakdown("    ", floor.path("cpu_ms_per_workflow"));
      double notifierRate = notifier.path("throughput").path("credited_per_s").asDouble();
      if (notifierRate > 0) {
        row(
            "  notifier as % of the floor",
            percent(notifierRate / floor.path("completed_per_s").asDouble()), "");
      }
    }
    JsonNode indexed = root.path("temporal_floor_search_attributes");
    if (!indexed.isMissingNode()) {
      row(
          "  with search attributes TxNo, AccountNo",
          rate(indexed, "completed_per_s", "workflows/s"),
          "");
      row("    CPU ms per workflow, all processes", cpu(indexed.path("cpu_ms_per_workflow")), "");
      breakdown("      ", indexed.path("cpu_ms_per_workflow"));
    }
    JsonNode first = notifier.path("history_first_attempt");
    if (!first.isMissingNode()) {
      row(
          "history events per notification (1st attempt)",
          trim(first.path("events_per_notification").asDouble()),
          "");
    }
    JsonNode failed = root.path("history_failed_attempt");
    if (!failed.isMissingNode()) {
      row(
          "history events per failed attempt",
          trim(failed.path("events_per_failed_attempt").asDouble()),
          "");
    }
    JsonNode calls = notifier.path("temporal_calls");
    if (calls.has("missing")) {
      row(
          "Temporal calls per notification",
          "not measured: " + calls.path("missing").asString(),
          "");
    } else if (!calls.isMissingNode()) {
      row(
          "Temporal calls per notification (pay-api)",
          trim(calls.path("short_calls_per_notification").asDouble()) + " (+ polls)",
          "");
      calls
          .path("per_notification_by_operation")
          .properties()
          .forEach(
              e -> {
                if (e.getValue().asDouble() >= 0.01) { // not the odd heartbeat or history fetch
                  row("  " + e.getKey(), trim(e.getValue().asDouble()), "");
                }
              });
    }
    JsonNode heap = notifier.path("pay_api_heap");
    if (!heap.isMissingNode()) {
      row("pay-api heap after the run, MiB", heap(heap), "");
    }
    JsonNode backlog = root.path("backlog");
    if (backlog.has("count")) {
      row("backlog: notifications pending", String.valueOf(backlog.path("count").asInt()), "");
      row("  recharges accepted while receiver down", rate(backlog, "accepted_per_s", "/s"), "");
      row(
          "  attempts waited for a worker, mean",
          trim(backlog.path("attempts_late_by_mean_s").asDouble()) + " s",
          "");
      row("  pay-api heap with the backlog, MiB", heap(backlog.path("pay_api_heap_pending")), "");
      row(
          "  Temporal RSS with the backlog, MiB",
          trim(backlog.path("temporal_rss_mib_pending").asDouble()),
          "");
      row(
          "  drain after the receiver is back",
          rate(backlog, "drain_credited_per_s", "credited/s")
              + " in "
              + trim(backlog.path("drain_seconds").asDouble())
              + " s",
          "");
      row("  first credit after", trim(backlog.path("first_credit_after_s").asDouble()) + " s", "");
      row("  from the first credit", rate(backlog, "from_first_credit_per_s", "credited/s"), "");
      row("  pay-api heap after the drain, MiB", heap(backlog.path("pay_api_heap_drained")), "");
    }
    JsonNode hanging = root.path("hanging");
    if (!hanging.isMissingNode()) {
      hanging(hanging);
    }
    out.println("-".repeat(92));
  }

  /** Scenario 10: the receiver that never answers. */
  private void hanging(JsonNode hanging) {
    JsonNode load = hanging.path("load");
    row(
        "receiver never answers: %d/s for %d s, open loop"
            .formatted(hanging.path("rate_per_s").asInt(), hanging.path("seconds").asInt()),
        "%d recharges, %s/s sent"
            .formatted(load.path("count").asInt(), trim(load.path("sent_per_s").asDouble())),
        "");
    row(
        "  failed / pacing lag max, ms",
        failures(load) + " / " + trim(load.path("pacing_lag_max_ms").asDouble()),
        "");
    row("  recharge POST answered, ms", percentiles(load.path("recharge_response")), "");
    row(
        "  load average before / after",
        hanging.path("load_average_before").asString().split(" ")[0]
            + " / "
            + hanging.path("load_average_after").asString().split(" ")[0],
        "");
    row(
        "  window: first POST → last 1st attempt over",
        trim(hanging.path("window_s").asDouble()) + " s",
        "");
    JsonNode tasks = hanging.path("workflow_tasks");
    if (tasks.has("missing")) {
      row("  workflow tasks", "not measured: " + tasks.path("missing").asString(), "");
    } else {
      JsonNode latency = tasks.path("schedule_to_start");
      row(
          "  workflow tasks handled (eager or polled)",
          trim(tasks.path("handled").asDouble())
              + " (+ "
              + trim(tasks.path("heartbeats").asDouble())
              + " heartbeats)",
          "");
      row("  of which polled from a queue", trim(tasks.path("polled").asDouble()), "");
      row("    schedule-to-start mean, s", trim3(latency.path("mean_s").asDouble()), "");
      row(
          "    p50 / p99 / max ≤, s (buckets); max",
          latency.has("p50_s_at_most")
              ? "%s / %s / %s; %s"
                  .formatted(
                      trim3(latency.path("p50_s_at_most").asDouble()),
                      trim3(latency.path("p99_s_at_most").asDouble()),
                      trim3(latency.path("max_s_at_most").asDouble()),
                      trim3(latency.path("max_s").asDouble()))
              : "max " + trim3(latency.path("max_s").asDouble()),
          "");
      row(
          "  workflow slots busy, mean (held s / window)",
          trim(tasks.path("slots_busy_mean").asDouble()),
          "");
      row(
          "  a task held its slot, mean / max, s",
          trim3(tasks.path("hold_mean_s").asDouble())
              + " / "
              + trim3(tasks.path("hold_max_s").asDouble()),
          "");
      JsonNode since = tasks.path("since_pay_api_started");
      row(
          "  since pay-api started: polled, mean s",
          trim(since.path("polled").asDouble())
              + ", "
              + trim3(since.path("schedule_to_start_mean_s").asDouble()),
          "");
    }
    JsonNode spans = hanging.path("workflow_tasks_in_histories");
    row(
        "  histories: workflow tasks started in window",
        trim(spans.path("tasks").asDouble())
            + ", "
            + trim(spans.path("waited_over_100_ms").asDouble())
            + " waited > 0.1 s",
        "");
    row(
        "    scheduled → started, ms",
        percentiles(spans.path("schedule_to_start"))
            + ", mean "
            + trim(spans.path("schedule_to_start").path("mean_ms").asDouble()),
        "");
    row(
        "    timed out (workflows with one)",
        trim(spans.path("timed_out").asDouble())
            + " ("
            + trim(spans.path("workflows_with_a_timed_out_task").asDouble())
            + ")",
        "");
    row(
        "    workflow slots busy, max / mean",
        trim(spans.path("slots_busy_max").asDouble())
            + " / "
            + trim(spans.path("slots_busy_mean").asDouble()),
        "");
    JsonNode slots = hanging.path("slots").path("workflow");
    row(
        "  SDK slot gauge, polled tasks: used max / mean",
        trim(slots.path("gauge_max_used").asDouble())
            + " / "
            + trim(slots.path("gauge_mean_used").asDouble())
            + ", available min "
            + trim(slots.path("gauge_min_available").asDouble()),
        "");
    JsonNode receiver = hanging.path("receiver");
    row(
        "  connections held by the receiver, max / mean",
        trim(receiver.path("held_max").asDouble())
            + " / "
            + trim(receiver.path("held_mean").asDouble()),
        "");
    JsonNode signals = hanging.path("signals");
    row(
        "  reconcile signal → not NOTIFYING, ms",
        "%d sent, %d refused, %d unsettled"
            .formatted(
                signals.path("sent").asInt(),
                signals.path("refused").asInt(),
                signals.path("unsettled").asInt()),
        "");
    for (String group : new String[] {"during_first_attempt", "after_first_attempt"}) {
      JsonNode figures = signals.path(group);
      row(
          "    %s (%d, age %s s)"
              .formatted(
                  group.replace('_', ' '),
                  figures.path("count").asInt(),
                  trim(figures.path("age_s_mean").asDouble())),
          percentiles(figures),
          "");
    }
    row("    the signal's POST answered", percentiles(signals.path("signal_response")), "");
    JsonNode history = hanging.path("history");
    row(
        "  history events: not signalled / signalled",
        trim(history.path("not_signalled").path("events_mean").asDouble())
            + " / "
            + trim(history.path("signalled_during_first_attempt").path("events_mean").asDouble())
            + ", "
            + trim(history.path("signalled_after_first_attempt").path("events_mean").asDouble()),
        "");
    JsonNode machine = hanging.path("machine_cpu_cores");
    row(
        "  cores busy: all / the stack and driver",
        trim(machine.path("busy").asDouble())
            + " / "
            + trim(machine.path("stack_and_driver").asDouble())
            + " (others "
            + trim(machine.path("others").asDouble())
            + ")",
        "");
    if (machine.path("others").asDouble() > 0.15) {
      out.printf(
          "  DISTURBED: other processes used %s cores during the window; repeat the run%n",
          trim(machine.path("others").asDouble()));
    }
    JsonNode cpu = hanging.path("cpu_ms_per_recharge");
    row("  CPU ms per recharge, all processes", cpu(cpu), "");
    breakdown("    ", cpu);
  }

  /**
   * Scenario 11: the cluster with two pay-api instances and with one, beside the default run and
   * the seed's design measured in the same run (when they were).
   */
  private void cluster(JsonNode cluster) {
    JsonNode two = cluster.path("two_pay_api");
    JsonNode one = cluster.path("one_pay_api");
    JsonNode local = root.path("notifier");
    JsonNode seed = root.path("seed");
    List<JsonNode> columns = List.of(two, one, local, seed);
    row4("", "cluster, 2 pay-api", "cluster, 1 pay-api", "default run", "seed's design");
    JsonNode throughput = two.path("throughput");
    row4(
        "throughput: %d recharges, %d clients"
            .formatted(throughput.path("count").asInt(), throughput.path("concurrency").asInt()),
        columns.stream()
            .map(c -> rate(c.path("throughput"), "credited_per_s", "credited/s"))
            .toList());
    row4(
        "  of which POSTs answered",
        columns.stream().map(c -> rate(c.path("throughput"), "accepted_per_s", "/s")).toList());
    row4("  failed requests", columns.stream().map(c -> failures(c.path("throughput"))).toList());
    row4(
        "  cores busy: all / measured (others)",
        columns.stream()
            .map(
                c -> {
                  JsonNode cores = c.path("throughput").path("machine_cpu_cores");
                  return cores.has("busy")
                      ? "%s / %s (%s)"
                          .formatted(
                              trim(cores.path("busy").asDouble()),
                              trim(cores.path("measured_processes").asDouble()),
                              trim(cores.path("others").asDouble()))
                      : "";
                })
            .toList());
    row4(
        "latency, ms p50 / p99 / max (%d sequential)"
            .formatted(two.path("latency").path("recharge_to_credited").path("count").asInt()),
        List.of("", "", "", ""));
    row4(
        "  recharge → credited",
        columns.stream()
            .map(c -> percentiles(c.path("latency").path("recharge_to_credited")))
            .toList());
    row4(
        "  recharge POST answered",
        columns.stream()
            .map(c -> percentiles(c.path("latency").path("recharge_response")))
            .toList());
    row4(
        "  recorded → NOTIFIED (pay-api's clock)",
        columns.stream()
            .map(c -> percentiles(c.path("latency").path("recorded_to_notified")))
            .toList());
    List<JsonNode> cpu =
        columns.stream().map(c -> c.path("throughput").path("cpu_ms_per_recharge")).toList();
    row4("CPU ms per recharge, all processes", cpu.stream().map(Report::cpu).toList());
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put("Temporal (4 services, UI) + PostgreSQL", "temporal-|postgres");
    groups.put("pay-api instances", "pay-api-");
    groups.put("account-api instances", "account-api-");
    groups.forEach(
        (label, prefixes) ->
            row4("  " + label, cpu.stream().map(c -> group(c, prefixes)).toList()));
    Set<String> names = new LinkedHashSet<>();
    cpu.forEach(c -> c.properties().forEach(e -> names.add(e.getKey())));
    names.remove("total");
    for (String name : names) {
      row4(
          "    " + name,
          cpu.stream().map(c -> c.has(name) ? trim(c.path(name).asDouble()) : "").toList());
    }
    List<JsonNode> rest = columns.stream().map(c -> c.path("cpu_ms_per_s_at_rest")).toList();
    row4("at rest (no recharges), CPU ms per second", rest.stream().map(Report::cpu).toList());
    groups.forEach(
        (label, prefixes) ->
            row4("  " + label, rest.stream().map(c -> group(c, prefixes)).toList()));
    JsonNode calls = two.path("temporal_calls");
    if (calls.has("short_calls_per_notification")) {
      row4(
          "Temporal calls per notification, all pay-api",
          columns.stream()
              .map(
                  c ->
                      c.path("temporal_calls").has("short_calls_per_notification")
                          ? trim(
                                  c.path("temporal_calls")
                                      .path("short_calls_per_notification")
                                      .asDouble())
                              + " (+ polls)"
                          : "")
              .toList());
      Set<String> operations = new LinkedHashSet<>();
      columns.forEach(
          c ->
              c.path("temporal_calls")
                  .path("per_notification_by_operation")
                  .properties()
                  .forEach(e -> operations.add(e.getKey())));
      for (String operation : operations) {
        List<String> cells =
            columns.stream()
                .map(
                    c -> {
                      JsonNode value =
                          c.path("temporal_calls")
                              .path("per_notification_by_operation")
                              .path(operation);
                      return value.isMissingNode() ? "" : trim(value.asDouble());
                    })
                .toList();
        if (cells.stream().anyMatch(cell -> !cell.isEmpty() && Double.parseDouble(cell) >= 0.01)) {
          row4("  " + operation, cells);
        }
      }
    }
    row4(
        "workflows completed by each pay-api, %",
        List.of(
            two.path("workflows_completed_percent_by_instance").toString(),
            one.path("workflows_completed_percent_by_instance").toString(),
            "",
            ""));
    out.println(
        "A machine per process (CPU per recharge above each one's rest; the driver left out):");
    for (String phase : List.of("two_pay_api", "one_pay_api")) {
      JsonNode machine = cluster.path(phase).path("machine_per_process");
      if (!machine.has("bottleneck")) {
        continue;
      }
      StringBuilder each = new StringBuilder();
      machine
          .path("one_core_each_per_s")
          .properties()
          .forEach(
              e ->
                  each.append(each.isEmpty() ? "" : " · ")
                      .append(e.getKey())
                      .append(' ')
                      .append(e.getValue().asLong()));
      out.printf(
          "  %s: a core each: %d recharges/s, set by %s; this machine's %d cores: %d/s%n"
              + "    each process's ceiling on a core of its own, recharges/s: %s%n",
          phase.equals("two_pay_api") ? "2 pay-api" : "1 pay-api",
          machine.path("one_core_each_ceiling_per_s").asLong(),
          machine.path("bottleneck").asString(),
          machine.path("this_machine_cores").asInt(),
          machine.path("this_machine_ceiling_per_s").asLong(),
          each);
    }
  }

  /** The sum of the processes whose names start with one of {@code prefixes} ("a|b"). */
  private static String group(JsonNode perUnit, String prefixes) {
    double sum = 0;
    boolean found = false;
    for (var e : perUnit.properties()) {
      for (String prefix : prefixes.split("\\|")) {
        if (e.getKey().startsWith(prefix)) {
          sum += e.getValue().asDouble();
          found = true;
        }
      }
    }
    return found ? trim(sum) : "";
  }

  private void row4(String label, String... cells) {
    row4(label, List.of(cells));
  }

  private void row4(String label, List<String> cells) {
    out.printf(
        "%-46s %-20s %-20s %-20s %s%n",
        label, cells.get(0), cells.get(1), cells.get(2), cells.get(3));
  }

  private static String trim3(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private void row(String label, String notifier, String seed) {
    out.printf("%-46s %-24s %s%n", label, notifier, seed);
  }

  private static String cpu(JsonNode perUnit) {
    return perUnit.has("total") ? trim(perUnit.path("total").asDouble()) : "";
  }

  /** One line: each process's share, e.g. "pay-api 4.1 · temporal 3.2 · driver 0.9". */
  private void breakdown(String indent, JsonNode perUnit) {
    if (!perUnit.has("total")) {
      return;
    }
    StringBuilder line = new StringBuilder();
    perUnit
        .properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("total")) {
                line.append(line.isEmpty() ? "" : " · ")
                    .append(e.getKey())
                    .append(' ')
                    .append(trim(e.getValue().asDouble()));
              }
            });
    out.println(indent + line);
  }

  private static String rate(JsonNode figures, String field, String unit) {
    return figures.has(field) ? trim(figures.path(field).asDouble()) + " " + unit : "";
  }

  private static String failures(JsonNode figures) {
    return figures.has("failures") ? String.valueOf(figures.path("failures").asInt()) : "";
  }

  private static String percentiles(JsonNode figures) {
    if (!figures.has("p50_ms")) {
      return "";
    }
    return "%s / %s / %s"
        .formatted(
            trim(figures.path("p50_ms").asDouble()),
            trim(figures.path("p99_ms").asDouble()),
            trim(figures.path("max_ms").asDouble()));
  }

  private static String heap(JsonNode heap) {
    if (!heap.has("heap_used_mib")) {
      return "";
    }
    String text = "used " + trim(heap.path("heap_used_mib").asDouble());
    if (heap.has("heap_used_after_gc_mib")) {
      text += ", after GC " + trim(heap.path("heap_used_after_gc_mib").asDouble());
    }
    return text;
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
  }

  private static String trim(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
  }
}
