package io.notifier.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alert rules the project ships (docs/ops/alerts.yml), and a test copy of them whose durations
 * are shorter: an alert that needs 10 minutes of failures in production cannot take 10 minutes in a
 * test. Only durations change, each by the same factor: every {@code for:}, range selector ({@code
 * [15m]}) and {@code offset}. Expressions, thresholds, labels and annotations stay the shipped
 * ones.
 */
final class AlertRules {

  /** A duration as the shipped file writes them: a whole number of one unit. */
  private static final Pattern DURATION =
      Pattern.compile("(?<before>for: |\\[|offset )(?<amount>\\d+)(?<unit>[smhd])(?=[\\])\\s]|$)");

  private AlertRules() {}

  /** docs/ops/alerts.yml of this checkout (the build passes its path). */
  static Path shipped() {
    Path rules =
        Path.of(System.getProperty("notify.alert-rules", "../docs/ops/alerts.yml"))
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(rules)) {
      throw new IllegalStateException("The shipped alert rules are not at " + rules);
    }
    return rules;
  }

  /**
   * The shipped rules with every duration divided by {@code factor} (at least a second), written
   * into {@code directory}.
   */
  static Path shortened(int factor, Path directory) {
    try {
      String text = Files.readString(shipped());
      Matcher duration = DURATION.matcher(text);
      StringBuilder copy = new StringBuilder();
      while (duration.find()) {
        long seconds =
            Math.max(1, seconds(duration.group("amount"), duration.group("unit")) / factor);
        duration.appendReplacement(
            copy, Matcher.quoteReplacement(duration.group("before") + seconds + "s"));
      }
      duration.appendTail(copy);
      Path rules = directory.resolve("alerts-shortened.yml");
      Files.writeString(rules, copy);
      return rules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long seconds(String amount, String unit) {
    Duration one =
        switch (unit) {
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          default -> Duration.ofDays(1);
        };
    return one.multipliedBy(Long.parseLong(amount)).toSeconds();
  }
}
