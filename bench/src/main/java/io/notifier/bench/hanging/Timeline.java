package io.notifier.bench.hanging;

import io.notifier.bench.load.Latencies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value sampled over time (System.nanoTime() stamps), read as a step function: each sample holds
 * until the next one.
 */
public final class Timeline {

  private record Point(long nanos, double value) {}

  private final List<Point> points = new ArrayList<>();

  public synchronized void add(long nanos, double value) {
    if (!Double.isNaN(value)) {
      points.add(new Point(nanos, value));
    }
  }

  /** The largest sample taken in [from, to]; NaN if none. */
  public synchronized double max(long from, long to) {
    return points.stream()
        .filter(p -> p.nanos() >= from && p.nanos() <= to)
        .mapToDouble(Point::value)
        .max()
        .orElse(Double.NaN);
  }

  /** The smallest sample taken in [from, to]; NaN if none. */
  public synchronized double min(long from, long to) {
    return points.stream()
        .filter(p -> p.nanos() >= from && p.nanos() <= to)
        .mapToDouble(Point::value)
        .min()
        .orElse(Double.NaN);
  }

  /** The step function's mean over [from, to], where it has a value; NaN where it has none. */
  public synchronized double mean(long from, long to) {
    double area = 0;
    long covered = 0;
    for (int i = 0; i < points.size(); i++) {
      long start = Math.max(points.get(i).nanos(), from);
      long end = Math.min(i + 1 < points.size() ? points.get(i + 1).nanos() : to, to);
      if (end > start) {
        area += points.get(i).value() * (end - start);
        covered += end - start;
      }
    }
    return covered > 0 ? area / covered : Double.NaN;
  }

  /**
   * The largest sample of each whole second from {@code origin} ("+0 s", "+1 s", ...) up to {@code
   * to}: the shape of the run, in the results file.
   */
  public synchronized Map<String, Double> maxPerSecond(long origin, long to) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Point p : points) {
      if (p.nanos() < origin || p.nanos() > to) {
        continue;
      }
      String second = "+%d s".formatted((p.nanos() - origin) / 1_000_000_000L);
      seconds.merge(second, Latencies.round(p.value()), Math::max);
    }
    return seconds;
  }

  /** Each change of value, by its time from {@code origin}: for a gauge that moves in steps. */
  public synchronized Map<String, Double> changes(long origin, long to) {
    Map<String, Double> changes = new LinkedHashMap<>();
    double last = Double.NaN;
    for (Point p : points) {
      if (p.nanos() > to) {
        break;
      }
      if (p.value() != last) {
        changes.put("%+.1f s".formatted((p.nanos() - origin) / 1e9), Latencies.round(p.value()));
        last = p.value();
      }
    }
    return changes;
  }
}
