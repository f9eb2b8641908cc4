package io.notifier.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One service of the system as its own operating-system process, as users run it: started from its
 * executable jar or binary, its output in a log file, stopped politely or killed.
 */
final class ServiceProcess implements AutoCloseable {

  /** Every process still running when the test JVM ends is killed, whatever ended it. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "kill-services"));
  }

  private final String name;
  private final List<String> command;
  private final Path log;
  private final BooleanSupplier ready;
  private Process process;

  ServiceProcess(String name, List<String> command, Path log, BooleanSupplier ready) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
    this.ready = ready;
  }

  static List<String> javaJar(Path jar, List<String> arguments) {
    var command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar.toString()));
    command.addAll(arguments);
    return command;
  }

  /** Starts the process and waits until it is ready, failing with its log's location if not. */
  ServiceProcess start() {
    try {
      Files.createDirectories(log.getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      RUNNING.add(process);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name + ": " + command, e);
    }
    await(name + " ready (log: " + log + ")")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + log);
              }
              return ready.getAsBoolean();
            });
    return this;
  }

  /** SIGTERM and wait: a graceful shutdown, as an operator's stop. */
  void stop() {
    end(false);
  }

  /** SIGKILL: the process dies mid-work, as in a crash or an OOM kill. */
  void kill() {
    end(true);
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  Path log() {
    return log;
  }

  private void end(boolean forcibly) {
    if (process == null) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
    process = null;
  }

  @Override
  public void close() {
    stop();
  }
}
