package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.temporaldev.DevServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dev server itself killed with -9, its history file synced as the default run's ({@link
 * DevServer.Durability#KILLED_PROCESS}, {@code synchronous=NORMAL}): it holds every start it
 * acknowledged. The crash test of the scenarios kills the services, never the server; and at the
 * notifier's level a start the server lost would not show (the sweeper starts a vanished
 * notification again, account-api credits a txNo once), so this one asks the server directly.
 *
 * <p>Clients start workflows (no worker: they stay open) with the Temporal CLI, each start a commit
 * the server answers only once it is written; the server is killed with -9 while they do, and
 * started again on the same file. Every start a client was told of must be there, with its run id.
 * This holds for a killed process: with {@code synchronous=NORMAL} in WAL mode, as with {@code
 * FULL}, a commit is in the operating system's hands before it is answered. What NORMAL gives up,
 * the last commits on a power cut or a crash of the machine, no test here can show.
 */
class DevServerCrashIT {

  private final Path logs =
      Path.of(System.getProperty("notify.logs", "target/service-logs"), "dev-server-crash");

  @Test
  void everyStartTheDevServerAcknowledgedIsThereAfterItWasKilled() throws Exception {
    DevServerProcess server = new DevServerProcess(logs, DevServer.Durability.KILLED_PROCESS);
    server.start();
    try {
      TemporalCli cli = server.cli();
      Map<String, String> acknowledged = new ConcurrentHashMap<>(); // workflow id -> run id
      AtomicBoolean killed = new AtomicBoolean();
      AtomicInteger afterTheKill = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        int client = c;
        clients.add(
            Thread.ofPlatform()
                .name("starter-" + c)
                .start(
                    () -> {
                      // Until a few starts have been refused by the dead server: the kill came
                      // while starts were in flight.
                      for (int i = 0; afterTheKill.get() < 8; i++) {
                        String id = "crash-" + client + "-" + i;
                        try {
                          JsonNode started =
                              cli.json(
                                  "workflow",
                                  "start",
                                  "--type",
                                  "Nothing",
                                  "--task-queue",
                                  "nobody-polls-this",
                                  "--workflow-id",
                                  id);
                          acknowledged.put(id, started.path("runId").asString());
                        } catch (AssertionError | RuntimeException refused) {
                          if (killed.get()) {
                            afterTheKill.incrementAndGet();
                          }
                        }
                      }
                    }));
      }
      await("100 starts acknowledged")
          .atMost(Duration.ofSeconds(60))
          .until(() -> acknowledged.size() >= 100);
      killed.set(true);
      server.kill();
      for (Thread client : clients) {
        client.join(Duration.ofMinutes(2));
        assertThat(client.isAlive()).as("%s done", client.getName()).isFalse();
      }

      server.start();
      for (var start : acknowledged.entrySet()) {
        JsonNode described = cli.json("workflow", "describe", "--workflow-id", start.getKey());
        assertThat(
                described.path("workflowExecutionInfo").path("execution").path("runId").asString())
            .as("%s, acknowledged before the kill", start.getKey())
            .isEqualTo(start.getValue());
      }
      System.out.printf(
          "dev server crash test: %d starts acknowledged, all there after kill -9 (pragmas %s)%n",
          acknowledged.size(), DevServer.Durability.KILLED_PROCESS.sqlitePragmas());
    } finally {
      server.stop();
    }
  }
}
