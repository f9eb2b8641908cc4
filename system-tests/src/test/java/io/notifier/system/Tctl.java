package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * tctl 1.18.4, Temporal's legacy command-line tool, run as an operator runs the README's tctl
 * lines: with no {@code --address} nor TLS flag on the line, the server and its TLS options coming
 * from the environment tctl reads ({@code TEMPORAL_CLI_ADDRESS}, {@code TEMPORAL_CLI_TLS_CA},
 * {@code TEMPORAL_CLI_TLS_CERT}, {@code TEMPORAL_CLI_TLS_KEY}, {@code
 * TEMPORAL_CLI_TLS_SERVER_NAME}), so the same lines run against the dev server and against a
 * cluster over mTLS.
 */
final class Tctl {

  private static final Pattern COLOUR = Pattern.compile("\\u001B\\[[0-9;]*m");

  private final Path binary;
  private final Map<String, String> environment;
  private final Path home;

  /**
   * tctl with {@code environment}: its {@code TEMPORAL_CLI_*} variables are the only ones it gets,
   * whatever this JVM inherited.
   */
  Tctl(Map<String, String> environment) {
    this.binary = binary();
    this.environment = Map.copyOf(environment);
    try {
      // tctl reads, and creates, ~/.config/temporalio/tctl.yaml, where `version: next` would switch
      // it to another command set: a home of its own keeps the test to the lines as written.
      this.home = Files.createTempDirectory("notifier-tctl-home-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tctl that test.sh built (scripts/tctl.sh); a clear failure if it is not there. */
  static Path binary() {
    Path tctl = Path.of(System.getProperty("tctl", "../.tools/bin/tctl"));
    if (!Files.isExecutable(tctl)) {
      throw new IllegalStateException(
          "tctl is not at " + tctl + ": run ./test.sh, or build it with scripts/tctl.sh");
    }
    return tctl;
  }

  /**
   * One run: its exit code, what it printed on stdout (without the colours tctl prints even into a
   * pipe), and on stderr, where it prints its deprecation notice and its errors.
   */
  record Execution(List<String> command, int exitCode, String output, String errors) {}

  /** Runs {@code tctl <arguments>} and returns what it printed; fails if it failed. */
  String run(List<String> arguments) {
    Execution execution = execute(arguments);
    assertThat(execution.exitCode())
        .as(
            "tctl %s printed:%n%s%s",
            String.join(" ", arguments), execution.output(), execution.errors())
        .isZero();
    return execution.output();
  }

  String run(String... arguments) {
    return run(List.of(arguments));
  }

  Execution execute(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    command.addAll(arguments);
    try {
      Path errors = Files.createTempFile(home, "stderr-", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(errors.toFile()));
      builder.environment().keySet().removeIf(name -> name.startsWith("TEMPORAL_CLI_"));
      builder.environment().putAll(environment);
      builder.environment().put("HOME", home.toString());
      Process process = builder.start();
      // Nothing to answer: a line that asks for confirmation reads the end of its input and stops,
      // instead of waiting for a person.
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
      String printed = Files.readString(errors);
      Files.delete(errors);
      return new Execution(
          command, process.exitValue(), COLOUR.matcher(output).replaceAll(""), printed);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
