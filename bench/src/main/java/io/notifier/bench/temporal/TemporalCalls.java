package io.notifier.bench.temporal;

import io.notifier.bench.http.Api;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gRPC calls pay-api makes to Temporal, from the SDK's own counters on pay-api's Prometheus
 * endpoint: {@code temporal_request_total} (short calls: starts, task completions, signals, ...)
 * and {@code temporal_long_request_total} (long polls), by {@code operation}.
 */
public final class TemporalCalls {

  private static final Pattern SAMPLE =
      Pattern.compile("^(temporal_(?:long_)?request_total)\\{([^}]*)}\\s+(\\S+)");
  private static final Pattern COMPLETED =
      Pattern.compile("^temporal_workflow_completed_total\\{[^}]*}\\s+(\\S+)");
  private static final Pattern OPERATION = Pattern.compile("operation=\"([^\"]*)\"");

  private final Api service;

  public TemporalCalls(Api service) {
    this.service = service;
  }

  /** Calls so far by "metric operation"; empty when the metric is not exposed. */
  public Map<String, Double> scrape() {
    Map<String, Double> calls = new TreeMap<>();
    for (String line : service.getText("/actuator/prometheus").split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.find()) {
        Matcher operation = OPERATION.matcher(sample.group(2));
        String name = operation.find() ? operation.group(1) : "?";
        String key = (sample.group(1).contains("long") ? "long poll " : "") + name;
        calls.merge(key, Double.parseDouble(sample.group(3)), Double::sum);
      }
    }
    return calls;
  }

  /**
   * How long delivery attempts waited for a worker after their scheduled time, on average since
   * pay-api started ({@code temporal_activity_schedule_to_start_latency_seconds} of Deliver): how
   * late the schedule runs when the worker cannot keep up.
   */
  public OptionalDouble meanDeliveryScheduleToStartSeconds() {
    double sum = Double.NaN;
    double count = Double.NaN;
    for (String line : service.getText("/actuator/prometheus").split("\n")) {
      if (line.contains("activity_type=\"Deliver\"")) {
        if (line.startsWith("temporal_activity_schedule_to_start_latency_seconds_sum{")) {
          sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("temporal_activity_schedule_to_start_latency_seconds_count{")) {
          count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return count > 0 ? OptionalDouble.of(sum / count) : OptionalDouble.empty();
  }

  /**
   * Workflows completed by pay-api's worker so far ({@code temporal_workflow_completed_total}), as
   * the SDK last reported them; empty if the metric is not exposed.
   */
  public OptionalDouble completedWorkflows() {
    double completed = 0;
    boolean found = false;
    for (String line : service.getText("/actuator/prometheus").split("\n")) {
      Matcher sample = COMPLETED.matcher(line);
      if (sample.find()) {
        completed += Double.parseDouble(sample.group(1));
        found = true;
      }
    }
    return found ? OptionalDouble.of(completed) : OptionalDouble.empty();
  }

  /**
   * Waits until {@code count} more workflows have completed than {@code before}: the balance shows
   * a credit before its workflow has recorded it, and the calls of a run are all made only when its
   * last workflow is done.
   */
  public void awaitCompleted(OptionalDouble before, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (before.isPresent() && System.nanoTime() < deadline) {
      if (completedWorkflows().orElse(0) - before.getAsDouble() >= count) {
        return;
      }
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
  }

  /**
   * A scrape that includes every call made before it was asked for: the SDK hands its counters to
   * Micrometer only every {@code flush} (10 s with the Spring Boot starter), so it waits that long
   * and a little more first.
   */
  public Map<String, Double> scrapeAfterFlush(Duration flush) {
    LockSupport.parkNanos(flush.plusSeconds(2).toNanos());
    return scrape();
  }

  public static ObjectNode perNotification(
      Map<String, Double> before, Map<String, Double> after, int notifications) {
    ObjectNode figures = Api.JSON.createObjectNode();
    if (after.isEmpty()) {
      figures.put(
          "missing",
          "pay-api's /actuator/prometheus has no temporal_request_total: the SDK's metrics are not"
              + " exported");
      return figures;
    }
    ObjectNode byOperation = figures.putObject("per_notification_by_operation");
    double total = 0;
    for (var entry : after.entrySet()) {
      double delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
      if (delta > 0) {
        byOperation.put(entry.getKey(), Math.round(delta / notifications * 1000) / 1000.0);
        if (!entry.getKey().startsWith("long poll")) {
          total += delta;
        }
      }
    }
    figures.put("short_calls_per_notification", Math.round(total / notifications * 100) / 100.0);
    return figures;
  }
}
