package io.notifier.system;

import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (scripts/prometheus.sh installs Debian's; the build passes its path as {@code
 * -Dprometheus}), on a free port, scraping services' /actuator/prometheus with an operator's key as
 * its bearer token, as a deployment does, and evaluating a rule file. Scrapes and evaluations every
 * second, so that alerts move within a test. Its data lives in a temporary folder, its log beside
 * the services'.
 */
final class PrometheusServer implements AutoCloseable {

  /** An alert as Prometheus's /api/v1/alerts lists it: pending or firing. */
  record Alert(String name, String state, Map<String, String> labels) {}

  private static final Duration EVERY = Duration.ofSeconds(1);

  private final int port = FreePorts.find();
  private final JsonApi api = new JsonApi(port);
  private final ServiceProcess process;

  /**
   * @param targets each job's name and the port of the service it scrapes on 127.0.0.1
   * @param bearerToken the key every scrape sends
   * @param rules the rule file to evaluate
   */
  PrometheusServer(Map<String, Integer> targets, String bearerToken, Path rules, Path logs) {
    Path binary = binary();
    try {
      Path home = Files.createTempDirectory("notifier-prometheus-");
      Path config = home.resolve("prometheus.yml");
      Files.writeString(config, config(targets, bearerToken, rules));
      process =
          new ServiceProcess(
              "prometheus",
              List.of(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + home.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port),
              logs.resolve("prometheus.log"),
              this::ready);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A missing Prometheus fails the test that needs it: nothing here is optional. */
  private static Path binary() {
    Path binary = Path.of(System.getProperty("prometheus", "/usr/bin/prometheus"));
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "Prometheus is not at "
              + binary
              + ": run scripts/prometheus.sh ensure (./test.sh does), or pass -Dprometheus=<path>");
    }
    return binary;
  }

  private static String config(Map<String, Integer> targets, String bearerToken, Path rules) {
    StringBuilder yaml =
        new StringBuilder(
            """
            global:
              scrape_interval: %1$ds
              scrape_timeout: %1$ds
              evaluation_interval: %1$ds
            rule_files:
              - '%2$s'
            scrape_configs:
            """
                .formatted(EVERY.toSeconds(), rules));
    targets.forEach(
        (job, port) ->
            yaml.append(
                """
                  - job_name: '%s'
                    metrics_path: /actuator/prometheus
                    authorization:
                      credentials: '%s'
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """
                    .formatted(job, bearerToken, port)));
    return yaml.toString();
  }

  PrometheusServer start() {
    process.start();
    return this;
  }

  private boolean ready() {
    try {
      return api.get("/-/ready").status() == 200;
    } catch (IllegalStateException notYet) {
      return false;
    }
  }

  /** The alerts pending or firing now. */
  List<Alert> alerts() {
    JsonNode alerts = ok(api.get("/api/v1/alerts")).path("data").path("alerts");
    List<Alert> found = new ArrayList<>();
    for (JsonNode alert : alerts) {
      Map<String, String> labels = new TreeMap<>();
      alert
          .path("labels")
          .properties()
          .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
      found.add(new Alert(labels.get("alertname"), alert.path("state").asString(), labels));
    }
    return found;
  }

  /** The state of alert {@code name}: firing, pending, or inactive. */
  String state(String name) {
    return alerts().stream()
        .filter(alert -> alert.name().equals(name))
        .map(Alert::state)
        .reduce((a, b) -> "firing".equals(a) ? a : b)
        .orElse("inactive");
  }

  /** Each alerting rule loaded, by name, with its health: "ok" once it evaluated without error. */
  Map<String, String> ruleHealth() {
    Map<String, String> health = new TreeMap<>();
    for (JsonNode group : ok(api.get("/api/v1/rules?type=alert")).path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String lastError = rule.path("lastError").asString();
        health.put(
            rule.path("name").asString(),
            rule.path("health").asString() + (lastError.isEmpty() ? "" : ": " + lastError));
      }
    }
    return health;
  }

  /** The names of every metric Prometheus scraped so far. */
  List<String> metricNames() {
    return StreamSupport.stream(
            ok(api.get("/api/v1/label/__name__/values")).path("data").spliterator(), false)
        .map(JsonNode::asString)
        .toList();
  }

  /** The value of an instant query's first sample, or NaN when it has none. */
  double query(String promql) {
    JsonNode result =
        ok(api.get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
            .path("data")
            .path("result");
    return result.isEmpty()
        ? Double.NaN
        : Double.parseDouble(result.get(0).path("value").get(1).asString());
  }

  private static JsonNode ok(JsonApi.Response response) {
    if (response.status() != 200 || !"success".equals(response.text("status"))) {
      throw new IllegalStateException(
          "Prometheus answered " + response.status() + ": " + response.body());
    }
    return response.body();
  }

  @Override
  public void close() {
    process.stop();
  }
}
