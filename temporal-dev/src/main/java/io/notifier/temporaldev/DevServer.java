package io.notifier.temporaldev;

import io.notifier.workflows.NotifySearchAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the notifier starts the Temporal CLI's dev server ({@code temporal server start-dev}): on
 * loopback, with the notifier's search attributes registered and the dynamic settings it relies on.
 * The one place these are written: {@code dev-server.sh}, the end-to-end tests and the benchmark
 * all build the command line here.
 *
 * @param dbFile where the server keeps its history; null keeps it in memory
 * @param durability how the history file reaches the disk
 */
public record DevServer(Path cli, int port, int uiPort, Path dbFile, Durability durability) {

  /**
   * How the history file reaches the disk: SQLite's write-ahead log either way (a commit costs one
   * write to the log, not the default journal's several; on this machine that doubled the workflows
   * a second, 46 → 97, see docs/performance.md), synced at every commit or not.
   */
  public enum Durability {
    /**
     * The default run's ({@code ./run.sh}): the log written at every commit and synced only when
     * SQLite checkpoints it ({@code synchronous=NORMAL}). A commit is in the operating system's
     * hands before the server answers it, so a dev server killed with -9 loses nothing, as the
     * services' H2 files with {@code WRITE_DELAY=0} lose nothing (DevServerCrashIT); a power cut or
     * a crash of the machine may lose the last commits before a checkpoint. What it buys, on 2
     * cores: 67–69 recharges credited a second against 52–53 synced at every commit, 3–4 ms less of
     * the server's CPU per notification (docs/performance.md). The default run is a developer's
     * machine; the MySQL stack and the cluster keep every commit.
     */
    KILLED_PROCESS("normal"),
    /**
     * {@code ./run.sh dev}'s: every commit synced ({@code synchronous=FULL}), nothing committed
     * lost even to a power cut.
     */
    POWER_CUT("full");

    private final String synchronous;

    Durability(String synchronous) {
      this.synchronous = synchronous;
    }

    /** The SQLite pragmas of the history file. */
    public List<String> sqlitePragmas() {
      return List.of("journal_mode=wal", "synchronous=" + synchronous);
    }

    /** By SQLite's name of it: {@code normal} or {@code full}. */
    public static Durability synchronous(String value) {
      for (Durability durability : values()) {
        if (durability.synchronous.equalsIgnoreCase(value)) {
          return durability;
        }
      }
      throw new IllegalArgumentException("synchronous must be normal or full, not " + value);
    }
  }

  /**
   * Eager workflow start hands the first workflow task back with the start's answer, and eager
   * activities hand the first activity task back with the workflow task's completion: the worker
   * runs beside the client in pay-api, so neither needs a round trip through a task queue.
   */
  public static final List<String> DYNAMIC_CONFIG =
      List.of(
          "system.enableEagerWorkflowStart=true",
          "system.enableActivityEagerExecution=true",
          // One worker polls each task queue: a single partition keeps its tasks where it polls.
          "matching.numTaskqueueReadPartitions=1",
          "matching.numTaskqueueWritePartitions=1");

  /**
   * How long the namespace keeps a closed notification's history. pay-api's own record of each
   * outcome does not depend on it; what does: a run an operator terminated by hand must still be
   * there when pay-api's sweeper looks (it records CLOSED, where a vanished run is started again),
   * and a second start of the same notification is refused while its first run is kept. A week
   * covers both many times over; the dev server's own default is a day.
   */
  public static final String RETENTION = "168h";

  /**
   * The command that sets the namespace's retention, once the server answers: the dev server has no
   * flag for it.
   */
  public List<String> retentionCommand() {
    List<String> command = new ArrayList<>(List.of(cli.toString()));
    command.addAll(RETENTION_ARGUMENTS);
    command.addAll(List.of("--address", "127.0.0.1:" + port));
    return command;
  }

  /** The CLI's arguments that set the retention, for a CLI that knows the server's address. */
  public static final List<String> RETENTION_ARGUMENTS =
      List.of(
          "operator", "namespace", "update", "--namespace", "default", "--retention", RETENTION);

  public List<String> command() {
    List<String> command =
        new ArrayList<>(
            List.of(
                cli.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--ui-port",
                String.valueOf(uiPort),
                "--namespace",
                "default",
                "--log-level",
                "warn"));
    if (dbFile != null) {
      command.addAll(List.of("--db-filename", dbFile.toString()));
      durability
          .sqlitePragmas()
          .forEach(pragma -> command.addAll(List.of("--sqlite-pragma", pragma)));
    }
    NotifySearchAttributes.ALL.forEach(
        key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    DYNAMIC_CONFIG.forEach(setting -> command.addAll(List.of("--dynamic-config-value", setting)));
    return command;
  }
}
