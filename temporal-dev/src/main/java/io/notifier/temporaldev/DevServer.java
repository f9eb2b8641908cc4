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
      List.of("system.enableEagerWorkflowStart=true", "system.enableActivityEagerExecution=true");

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
    }
    NotifySearchAttributes.ALL.forEach(
        key -> command.addAll(List.of("--search-attribute", key.getName() + "=Keyword")));
    DYNAMIC_CONFIG.forEach(setting -> command.addAll(List.of("--dynamic-config-value", setting)));
    return command;
  }
}
