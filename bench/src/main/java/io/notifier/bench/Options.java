package io.notifier.bench;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The driver's {@code --name=value} arguments; bench/run.sh passes them all. */
record Options(Map<String, String> values) {

  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      int equals = arg.indexOf('=');
      values.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return new Options(values);
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name)).filter(value -> !value.isBlank());
  }

  String required(String name) {
    return optional(name).orElseThrow(() -> new IllegalArgumentException("--" + name + " missing"));
  }

  int number(String name, int fallback) {
    return optional(name).map(Integer::parseInt).orElse(fallback);
  }

  long pid(String name) {
    return optional(name).map(Long::parseLong).orElse(0L);
  }

  URI uri(String name) {
    return URI.create(required(name));
  }

  Duration seconds(String name, int fallback) {
    return Duration.ofSeconds(number(name, fallback));
  }
}
