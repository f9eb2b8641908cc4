package io.notifier.bench.temporal;

import io.notifier.bench.http.Api;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus}: every sample by name and labels, taken at
 * {@link #nanoTime()}. The Temporal SDK's timers reach it as they are recorded; its counters and
 * gauges only when the SDK reports them (every 10 s with the Spring Boot starter), so a gauge read
 * here is the value it had at the last report.
 */
public final class Scrape {

  /** One line of the exposition: {@code name{labels} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Sample> samples;
  private final long nanoTime;

  private Scrape(List<Sample> samples, long nanoTime) {
    this.samples = samples;
    this.nanoTime = nanoTime;
  }

  public static Scrape of(Api service) {
    String text = service.getText("/actuator/prometheus");
    return parse(text, System.nanoTime());
  }

  static Scrape parse(String text, long nanoTime) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      Matcher sample = LINE.matcher(line);
      if (!sample.find()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      double value;
      try {
        value = Double.parseDouble(sample.group(3));
      } catch (NumberFormatException notANumber) {
        continue;
      }
      samples.add(new Sample(sample.group(1), labels, value));
    }
    return new Scrape(samples, nanoTime);
  }

  public long nanoTime() {
    return nanoTime;
  }

  public boolean has(String name) {
    return samples.stream().anyMatch(sample -> sample.name().equals(name));
  }

  /** The sum over every series of {@code name} whose labels pass {@code filter}; 0 if none. */
  public double sum(String name, Predicate<Map<String, String>> filter) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name) && filter.test(sample.labels()))
        .mapToDouble(Sample::value)
        .sum();
  }

  public double sum(String name) {
    return sum(name, labels -> true);
  }

  /** The largest value of any series of {@code name}; NaN if none. */
  public double max(String name, Predicate<Map<String, String>> filter) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name) && filter.test(sample.labels()))
        .mapToDouble(Sample::value)
        .max()
        .orElse(Double.NaN);
  }

  /**
   * A histogram's cumulative bucket counts ({@code name_bucket}, by {@code le}), summed over its
   * series; empty when the histogram is not published.
   */
  public TreeMap<Double, Double> buckets(String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name + "_bucket") && sample.labels().containsKey("le")) {
        String le = sample.labels().get("le");
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        buckets.merge(bound, sample.value(), Double::sum);
      }
    }
    return buckets;
  }

  /** Labels that hold {@code worker_type="<type>"}. */
  public static Predicate<Map<String, String>> workerType(String type) {
    return labels -> type.equals(labels.get("worker_type"));
  }
}
