package io.notifier.system;

import io.notifier.temporaldev.DevServer;
import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Temporal CLI's dev server as both stacks run it, as {@code ./run.sh} does: on free loopback
 * ports, its history in a file of its own, so that a restart keeps it, synced as the stack's run
 * syncs it ({@link DevServer.Durability}).
 */
final class DevServerProcess {

  private final int port = FreePorts.find();
  private final int uiPort = FreePorts.find();
  private final Path historyFile;
  private final Path log;
  private final DevServer.Durability durability;
  private final TemporalCli cli = new TemporalCli(address());
  private ServiceProcess process;

  DevServerProcess(Path logs, DevServer.Durability durability) {
    this.log = logs.resolve("temporal.log");
    this.durability = durability;
    try {
      historyFile = Files.createTempDirectory("notifier-temporal-").resolve("dev.db");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts it, and sets the namespace's retention as {@code dev-server.sh} does. */
  void start() {
    DevServer server = new DevServer(TemporalCli.binary(), port, uiPort, historyFile, durability);
    process =
        new ServiceProcess(
                "temporal",
                server.command(),
                log,
                () -> cli.succeeds("operator", "cluster", "health"))
            .start();
    cli.run(DevServer.RETENTION_ARGUMENTS.toArray(String[]::new));
  }

  void stop() {
    if (process != null) {
      process.stop();
    }
  }

  /** SIGKILL: the server dies mid-commit, as in a crash or an OOM kill; its file stays. */
  void kill() {
    if (process != null) {
      process.kill();
    }
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  URI webUi() {
    return URI.create("http://127.0.0.1:" + uiPort);
  }

  TemporalCli cli() {
    return cli;
  }
}
