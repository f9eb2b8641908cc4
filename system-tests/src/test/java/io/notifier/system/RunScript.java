package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./run.sh} as a user runs it: one run in the background, as from a terminal, and its other
 * commands ({@code stop}, {@code start}, {@code reset}) as from another terminal.
 */
final class RunScript {

  /** What a command printed, and how it ended. */
  record Execution(int exitCode, String output) {}

  final Path root = Path.of(System.getProperty("notify.jars", "..")).toAbsolutePath();
  private final Path output;
  private Process run;

  /** A run whose output goes to {@code output}. */
  RunScript(Path output) {
    this.output = output;
  }

  /**
   * {@code ./run.sh <arguments>} in the background, its output in the file given, until it says
   * Ready. {@code env --default-signal=INT} gives it a Ctrl-C it can trap even where this JVM was
   * started with SIGINT ignored (as a background job of a non-interactive shell is), which it would
   * otherwise inherit.
   */
  void start(List<String> arguments, Map<String, String> environment, Duration ready)
      throws IOException {
    Files.createDirectories(output.getParent());
    List<String> command =
        new ArrayList<>(List.of("env", "--default-signal=INT", root.resolve("run.sh").toString()));
    command.addAll(arguments);
    ProcessBuilder quickstart =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    quickstart.environment().putAll(environment);
    quickstart.environment().put("NOTIFY_SKIP_BUILD", "1"); // Maven built the jars already
    run = quickstart.start();
    await("./run.sh says Ready (output: " + output + ")")
        .atMost(ready)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(run.isAlive()).as("./run.sh still running (output: %s)", output).isTrue();
              return Files.readString(output).contains("Ready:");
            });
  }

  /** The running {@code ./run.sh}. */
  Process process() {
    return run;
  }

  String output() throws IOException {
    return Files.readString(output);
  }

  /** Ctrl-C. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Whatever happened, nothing of the run stays behind to block the next one. */
  void stopWhateverIsLeft() throws IOException, InterruptedException {
    if (run != null && run.isAlive()) {
      run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    command("stop");
  }

  /** {@code ./run.sh <arguments>} from another terminal, without the run's environment. */
  Execution command(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(root.resolve("run.sh").toString()));
    command.addAll(List.of(arguments));
    return execute(command);
  }

  /** A script of the project's, {@code scripts/<name> <arguments>}, from another terminal. */
  Execution projectScript(String name, String... arguments)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(root.resolve("scripts").resolve(name).toString()));
    command.addAll(List.of(arguments));
    return execute(command);
  }

  private Execution execute(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("NOTIFY_"));
    Process process = builder.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
    if (process.exitValue() != 0) {
      // The callers assert on the exit code alone: what the command said goes to the test's log.
      System.out.printf("%s exited %d:%n%s%n", command, process.exitValue(), printed);
    }
    return new Execution(process.exitValue(), printed);
  }
}
