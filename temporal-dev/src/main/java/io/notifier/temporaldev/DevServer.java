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
 */
public record DevServer(Path cli, int port, int uiPort, Path dbFile) {

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
   * The history file in SQLite's write-ahead log, still synced at every commit (synchronous=FULL):
   * nothing committed is lost, even to a power cut, but a commit costs one sync of the log instead
   * of the default journal's several. On this machine it doubled the workflows a second (46 → 97)
   * and halved the start-to-completion time (see docs/performance.md).
   */
  public static final List<String> SQLITE_PRAGMAS = List.of("journal_mode=wal", "synchronous=full");

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
      SQLITE_PRAGMAS.forEach(pragma -> command.addAll(List.of("--sqlite-pragma", pragma)));
    }
    NotifySearchAttributes.ALL.forEach(
        key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    DYNAMIC_CONFIG.forEach(setting -> command.addAll(List.of("--dynamic-config-value", setting)));
    return command;
  }
}
