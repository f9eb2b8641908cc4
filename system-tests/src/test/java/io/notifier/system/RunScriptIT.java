package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.testing.FreePorts;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The README's first command, as a new user runs it: {@code ./run.sh} starts everything on the
 * default ports, a recharge is credited, services are stopped and started again from another
 * terminal, and Ctrl-C stops all of it, all with the README's demo keys, which ./run.sh passes to
 * the services by itself. It uses the ports of the quickstart, so nothing else may be listening
 * there; whatever happens, it stops what it started.
 */
class RunScriptIT {

  private static final List<Integer> PORTS = List.of(7233, 8081, 8082);

  /** The demo client's key at both services, as the README's curl lines carry it. */
  private static final String DEMO_CLIENT_KEY = "demo-client-key";

  private final Path root = Path.of(System.getProperty("notify.jars", "..")).toAbsolutePath();
  private final Path output =
      Path.of(System.getProperty("notify.logs", "target/service-logs"), "run.sh.log");
  private Process run;

  @Test
  void theQuickstartCreditsARechargeRestartsServicesWithItsSettingsAndCtrlCStopsEverything()
      throws Exception {
    assertThat(PORTS).as("ports of the quickstart already taken").noneMatch(FreePorts::listening);
    Files.createDirectories(output.getParent());
    // A seconds-scale schedule, which a service started again from another terminal must keep.
    run = runScript(Map.of("NOTIFY_RETRY_INTERVALS", "1s", "NOTIFY_WINDOW", "1m"));
    await("./run.sh says Ready (output: " + output + ")")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(run.isAlive()).as("./run.sh still running (output: %s)", output).isTrue();
              return Files.readString(output).contains("Ready:");
            });
    JsonApi payApi = new JsonApi(8081).as(DEMO_CLIENT_KEY);
    JsonApi accountApi = new JsonApi(8082).as(DEMO_CLIENT_KEY);

    String first = recharge(payApi, "1", "100.00");
    long recharged = System.nanoTime();
    await("account 1 credited")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> balance(accountApi, "1"),
            balance -> balance.compareTo(new BigDecimal("100.00")) == 0);
    // A figure, not an assertion: the README promises "within a second" on a fresh start.
    System.out.printf(
        "run.sh: first recharge %s credited %d ms after pay-api answered%n",
        first, Duration.ofNanos(System.nanoTime() - recharged).toMillis());

    assertThat(script("stop", "nope").exitCode()).as("stopping an unknown service").isNotZero();
    assertThat(script("stop", "pay-api").exitCode()).isZero();
    assertThat(script("start", "pay-api").exitCode()).as("pay-api started again").isZero();
    // pay-api takes a recharge while account-api is away only for an account it checked lately.
    String checked = recharge(payApi, "2", "0.01");
    await("account 2 checked and its recharge notified")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> notification(payApi, checked).path("status").asString(), "NOTIFIED"::equals);
    assertThat(script("stop", "account-api").exitCode()).isZero();
    String retried = recharge(payApi, "2", "7.00");
    JsonNode failing =
        await("attempts a second apart, as the run's settings say")
            .atMost(Duration.ofSeconds(8))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> notification(payApi, retried), n -> n.path("attempts").asInt() >= 3);
    assertThat(failing.path("status").asString()).isEqualTo("NOTIFYING");
    assertThat(script("start", "account-api").exitCode()).isZero();
    await("the notification delivered once account-api is back")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> notification(payApi, retried).path("status").asString(), "NOTIFIED"::equals);

    interrupt(run);

    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("run.sh ended after Ctrl-C").isTrue();
    assertThat(PORTS).as("nothing listens any more").noneMatch(FreePorts::listening);
    assertThat(Files.readString(output)).contains("Stopping");
  }

  /** Whatever failed, nothing of the run stays behind to block the next one. */
  @AfterEach
  void stopWhateverIsLeft() throws Exception {
    if (run != null && run.isAlive()) {
      run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    script("stop");
  }

  /**
   * {@code ./run.sh} in the background, as from a terminal. {@code env --default-signal=INT} gives
   * it a Ctrl-C it can trap even where this JVM was started with SIGINT ignored (as a background
   * job of a non-interactive shell is), which it would otherwise inherit.
   */
  private Process runScript(Map<String, String> environment) throws IOException {
    ProcessBuilder quickstart =
        new ProcessBuilder("env", "--default-signal=INT", root.resolve("run.sh").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    quickstart.environment().putAll(environment);
    quickstart.environment().put("NOTIFY_SKIP_BUILD", "1"); // Maven built the jars already
    return quickstart.start();
  }

  private record Execution(int exitCode, String output) {}

  /** {@code ./run.sh <arguments>} from another terminal, without the run's environment. */
  private Execution script(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(root.resolve("run.sh").toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("NOTIFY_"));
    Process process = builder.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("./run.sh %s ended", command).isTrue();
    return new Execution(process.exitValue(), printed);
  }

  private static String recharge(JsonApi payApi, String accountNo, String amount) {
    JsonApi.Response recharge =
        payApi.post("/api/recharges", Map.of("accountNo", accountNo, "amount", amount));
    assertThat(recharge.status()).isEqualTo(201);
    return recharge.text("txNo");
  }

  private static BigDecimal balance(JsonApi accountApi, String accountNo) {
    return new BigDecimal(accountApi.get("/api/accounts/" + accountNo).text("balance"));
  }

  private static JsonNode notification(JsonApi payApi, String txNo) {
    return payApi.get("/api/recharges/" + txNo + "/notification").body();
  }

  /** What Ctrl-C sends. */
  private static void interrupt(Process process) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }
}
