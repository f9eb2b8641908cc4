package io.notifier.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Percentiles of measured durations, in milliseconds, by the nearest-rank method. */
public final class Latencies {

  private final List<Double> millis = new ArrayList<>();

  public synchronized void addNanos(long nanos) {
    millis.add(nanos / 1e6);
  }

  public synchronized void addMillis(double value) {
    millis.add(value);
  }

  public synchronized double percentile(double p) {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** {@code {"count", "p50_ms", "p99_ms", "max_ms", "mean_ms"}} into {@code into}. */
  public synchronized ObjectNode writeTo(ObjectNode into) {
    into.put("count", millis.size());
    into.put("p50_ms", round(percentile(50)));
    into.put("p99_ms", round(percentile(99)));
    into.put("max_ms", round(percentile(100)));
    into.put("mean_ms", round(millis.stream().mapToDouble(d -> d).average().orElse(Double.NaN)));
    return into;
  }

  public static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
