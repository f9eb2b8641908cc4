package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a new user runs it: {@code ./run.sh} starts everything on the
 * default ports, a recharge is credited, and Ctrl-C stops all of it. It uses the ports of the
 * quickstart, so nothing else may be listening there.
 */
class RunScriptIT {

  private static final List<Integer> PORTS = List.of(7233, 8081, 8082);
  private final Path root = Path.of(System.getProperty("notify.jars", "..")).toAbsolutePath();
  private final Path output =
      Path.of(System.getProperty("notify.logs", "target/service-logs"), "run.sh.log");
  private Process run;

  @Test
  void theQuickstartCreditsARechargeAndCtrlCStopsEverything() throws Exception {
    assertThat(PORTS).as("ports of the quickstart already taken").noneMatch(FreePorts::listening);
    Files.createDirectories(output.getParent());
    ProcessBuilder quickstart =
        new ProcessBuilder(root.resolve("run.sh").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    quickstart.environment().put("NOTIFY_SKIP_BUILD", "1"); // Maven built the jars already
    run = quickstart.start();
    await("./run.sh says Ready (output: " + output + ")")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Files.readString(output).contains("Ready:"));

    JsonApi payApi = new JsonApi(8081);
    JsonApi accountApi = new JsonApi(8082);
    JsonApi.Response recharge =
        payApi.post("/api/recharges", Map.of("accountNo", "1", "amount", "100.00"));
    assertThat(recharge.status()).isEqualTo(201);
    long recharged = System.nanoTime();
    await("account 1 credited")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> new BigDecimal(accountApi.get("/api/accounts/1").text("balance")),
            balance -> balance.compareTo(new BigDecimal("100.00")) == 0);
    // A figure, not an assertion: the README promises "within a second" on a fresh start.
    System.out.printf(
        "run.sh: first recharge credited %d ms after pay-api answered%n",
        Duration.ofNanos(System.nanoTime() - recharged).toMillis());

    interrupt(run);

    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("run.sh ended after Ctrl-C").isTrue();
    assertThat(PORTS).as("nothing listens any more").noneMatch(FreePorts::listening);
    assertThat(Files.readString(output)).contains("Stopping");
  }

  @AfterEach
  void stopWhateverIsLeft() throws Exception {
    if (run != null && run.isAlive()) {
      run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** What Ctrl-C sends. */
  private static void interrupt(Process process) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }
}
