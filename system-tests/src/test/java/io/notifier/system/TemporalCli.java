package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** The Temporal CLI, run as an operator would run it, against one server. */
final class TemporalCli {

  private final Path binary;
  private final String address;
  private final Map<String, String> environment;

  /** The CLI as the README's commands run it: no --address, so the default 127.0.0.1:7233. */
  static TemporalCli withItsDefaults() {
    return new TemporalCli(null);
  }

  /**
   * The CLI as an operator's shell runs it after {@code eval "$(scripts/temporal-cluster.sh env)"}:
   * the address and the TLS settings come from TEMPORAL_* variables.
   */
  static TemporalCli withEnvironment(Map<String, String> environment) {
    return new TemporalCli(null, environment);
  }

  TemporalCli(String address) {
    this(address, Map.of());
  }

  private TemporalCli(String address, Map<String, String> environment) {
    this.binary = binary();
    this.address = address;
    this.environment = Map.copyOf(environment);
  }

  /**
   * The CLI that test.sh installed (temporal-dev/dev-server.sh install); a clear failure if not.
   */
  static Path binary() {
    Path cli = Path.of(System.getProperty("temporal.cli", "../.tools/bin/temporal"));
    if (!Files.isExecutable(cli)) {
      throw new IllegalStateException(
          "The Temporal CLI is not at "
              + cli
              + ": run ./test.sh, or install it with temporal-dev/dev-server.sh install");
    }
    return cli;
  }

  /** Whether {@code temporal <arguments> --address ...} exits 0. */
  boolean succeeds(String... arguments) {
    return execute(arguments).exitCode() == 0;
  }

  /**
   * Runs {@code temporal <arguments> --address ...} and returns what it printed; fails if it did.
   */
  String run(String... arguments) {
    Execution execution = execute(arguments);
    assertThat(execution.exitCode())
        .as("temporal %s printed:%n%s", String.join(" ", arguments), execution.output())
        .isZero();
    return execution.output();
  }

  private record Execution(int exitCode, String output) {}

  private Execution execute(String... arguments) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(List.of(arguments));
    if (address != null) {
      command.addAll(List.of("--address", address));
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
      return new Execution(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode json(String... arguments) {
    List<String> withJson = new ArrayList<>(List.of(arguments));
    withJson.addAll(List.of("--output", "json"));
    return JsonApi.JSON.readTree(run(withJson.toArray(String[]::new)));
  }
}
