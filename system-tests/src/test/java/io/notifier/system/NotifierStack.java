package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.temporaldev.DevServer;
import io.notifier.testing.FreePorts;
import io.notifier.testing.OperatorInbox;
import io.notifier.testing.TestSecrets;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * The whole notifier as separate processes: the Temporal dev server, account-api, pay-api (with the
 * worker), and a {@link FaultProxy} on the link from pay-api to account-api. Subclasses choose the
 * databases.
 */
abstract class NotifierStack implements AutoCloseable {

  /** A seconds-scale schedule, so retries, the window and reconciliation happen during a test. */
  record Policy(List<Duration> intervals, Duration window, Duration reconcileAfter) {
    static Policy secondsScale() {
      return new Policy(
          List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2)),
          Duration.ofSeconds(30),
          Duration.ofSeconds(2));
    }

    /** When attempt {@code n} (from 1) comes, counted from the first. */
    Duration offsetOfAttempt(int n) {
      Duration offset = Duration.ZERO;
      for (int attempt = 1; attempt < n; attempt++) {
        offset = offset.plus(intervals.get(Math.min(attempt, intervals.size()) - 1));
      }
      return offset;
    }

    String intervalsProperty() {
      return String.join(",", intervals.stream().map(d -> d.toSeconds() + "s").toList());
    }
  }

  // The keys the services are started with, as an operator sets PAY_API_KEYS and the others.
  static final String CLIENT_KEY = "e2e-client-key";
  static final String OTHER_CLIENT_KEY = "e2e-other-client-key";
  static final String OPERATOR_KEY = "e2e-operator-key";
  static final String QUERY_KEY = "e2e-query-key";
  static final String ACCOUNT_CLIENT_KEY = "e2e-account-client-key";

  /** pay-api's key at account-api: the account check and reconciliation requests. */
  static final String PAY_API_KEY = "e2e-pay-api-key";

  final Policy policy = Policy.secondsScale();
  final Path logs;
  final int accountApiPort = FreePorts.find();
  final int payApiPort = FreePorts.find();
  final FaultProxy receiverLink = FaultProxy.to(accountApiPort, FreePorts.find());

  /**
   * The operator's endpoint for operator events, which verifies each with the reference library.
   * One receiver.recovered per second at most, so each scenario's recovery is its own.
   */
  final OperatorInbox operator = OperatorInbox.start();

  /** The secret pay-api signs with and account-api checks, unless a test says otherwise. */
  final String signingSecret = TestSecrets.newWebhookSecret();

  /** NOTIFY_SIGNING_SECRETS of account-api's next start. */
  String accountApiSecrets = signingSecret;

  /** NOTIFY_SIGNING_SECRETS and notify.window of pay-api's next start. */
  String payApiSecrets = signingSecret;

  Duration payApiWindow = policy.window();

  /** notify.reconcile.limit of pay-api's next start; null: pay-api's default (a week). */
  Duration payApiReconcileLimit;

  /** pay-api, as the client "shop". */
  final JsonApi payApi = new JsonApi(payApiPort).as(CLIENT_KEY);

  final JsonApi payApiAsOperator = new JsonApi(payApiPort).as(OPERATOR_KEY);

  /** account-api, as an operator: reads balances and reconciles. */
  final JsonApi accountApi = new JsonApi(accountApiPort).as(OPERATOR_KEY);

  /** account-api, as pay-api's notifier calls it: signed. */
  final JsonApi notifier = new JsonApi(accountApiPort).signedWith(signingSecret);

  private ServiceProcess accountApiProcess;
  private ServiceProcess payApiProcess;

  final DevServerProcess temporal;

  /**
   * @param durability the dev server's history file as the stack's run keeps it: the default run's
   *     survives a killed process, ./run.sh dev's a power cut
   */
  NotifierStack(String name, DevServer.Durability durability) {
    this.logs = Path.of(System.getProperty("notify.logs", "target/service-logs"), name);
    this.temporal = new DevServerProcess(logs, durability);
  }

  /** Arguments that point a service ("pay" or "account") at its database. */
  abstract List<String> databaseArguments(String service);

  void startTemporal() {
    temporal.start();
  }

  void stopTemporal() {
    temporal.stop();
  }

  String temporalAddress() {
    return temporal.address();
  }

  TemporalCli cli() {
    return temporal.cli();
  }

  /** The dev server's Web UI. */
  URI webUi() {
    return temporal.webUi();
  }

  NotifierStack start() {
    startTemporal();
    startAccountApi();
    startPayApi();
    return this;
  }

  void startAccountApi() {
    List<String> arguments = new ArrayList<>(databaseArguments("account"));
    arguments.add("--server.port=" + accountApiPort);
    arguments.add("--pay-api.url=http://127.0.0.1:" + payApiPort);
    arguments.add("--pay-api.key=" + QUERY_KEY);
    arguments.add("--notify.signing.secrets=" + accountApiSecrets);
    arguments.add("--account-api.security.client-keys=shop:" + ACCOUNT_CLIENT_KEY);
    arguments.add("--account-api.security.pay-api-keys=pay-api:" + PAY_API_KEY);
    arguments.add("--account-api.security.operator-keys=ops:" + OPERATOR_KEY);
    accountApiProcess = startJar("account-api", arguments, accountApi::ready);
  }

  void startPayApi() {
    payApiProcess = startJar("pay-api", "pay-api", payApiArguments(payApiPort), payApi::ready);
  }

  /**
   * Another pay-api instance on {@code port}, sharing the database and Temporal with the first, as
   * a deployment of several instances does; the caller stops it.
   */
  ServiceProcess startAnotherPayApi(int port) {
    return startJar("pay-api", "pay-api-" + port, payApiArguments(port), new JsonApi(port)::ready);
  }

  private List<String> payApiArguments(int port) {
    List<String> arguments = new ArrayList<>(databaseArguments("pay"));
    arguments.addAll(
        List.of(
            "--server.port=" + port,
            "--spring.temporal.connection.target=" + temporalAddress(),
            "--notify.account-api=" + notifiersAccountApi(),
            "--notify.account-api-key=" + PAY_API_KEY,
            "--notify.retry.intervals=" + policy.intervalsProperty(),
            "--notify.window=" + payApiWindow.toSeconds() + "s",
            "--notify.reconcile.after=" + policy.reconcileAfter().toSeconds() + "s",
            "--notify.attempt-timeout=5s",
            "--notify.http.connect-timeout=1s",
            "--notify.http.request-timeout=3s",
            "--notify.relay.interval=1s",
            "--notify.relay.grace=2s",
            "--notify.signing.secrets=" + payApiSecrets,
            "--notify.operator-events.url=" + operator.url(),
            "--notify.operator-events.secrets=" + operator.secret(),
            "--notify.operator-events.recovered-period=1s",
            "--pay-api.security.client-keys=shop:" + CLIENT_KEY + ",other:" + OTHER_CLIENT_KEY,
            "--pay-api.security.query-keys=account-api:" + QUERY_KEY,
            "--pay-api.security.operator-keys=ops:" + OPERATOR_KEY,
            // Straight to account-api: the fault proxy cuts the notifier's link only.
            "--account-check.url=http://127.0.0.1:" + accountApiPort));
    if (payApiReconcileLimit != null) {
      arguments.add("--notify.reconcile.limit=" + payApiReconcileLimit.toSeconds() + "s");
    }
    return arguments;
  }

  /**
   * Where pay-api's notifier reaches account-api: through the fault proxy, which a test can take
   * down; a stack may put a gateway in front of it.
   */
  URI notifiersAccountApi() {
    return URI.create("http://127.0.0.1:" + receiverLink.port());
  }

  /** pay-api's log, where it says what it does. */
  Path payApiLog() {
    return logs.resolve("pay-api.log");
  }

  /** Starts a module's executable jar, logging to {@code <module>.log}, and waits until ready. */
  ServiceProcess startJar(String module, List<String> arguments, BooleanSupplier ready) {
    return startJar(module, module, arguments, ready);
  }

  private ServiceProcess startJar(
      String module, String name, List<String> arguments, BooleanSupplier ready) {
    return new ServiceProcess(
            name,
            ServiceProcess.javaJar(jar(module), arguments),
            logs.resolve(name + ".log"),
            ready)
        .start();
  }

  void stopAccountApi() {
    accountApiProcess.stop();
  }

  void stopPayApi() {
    payApiProcess.stop();
  }

  void killPayApi() {
    payApiProcess.kill();
  }

  void killAccountApi() {
    accountApiProcess.kill();
  }

  private static Path jar(String module) {
    String version = System.getProperty("notify.version", "0.1.0-SNAPSHOT");
    return Path.of(System.getProperty("notify.jars", ".."), module, "target")
        .resolve(module + "-" + version + "-exec.jar")
        .toAbsolutePath()
        .normalize();
  }

  // What a user does, and sees, through the REST APIs.

  String recharge(String accountNo, String amount) {
    JsonApi.Response created =
        payApi.post("/api/recharges", Map.of("accountNo", accountNo, "amount", amount));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.text("txNo");
  }

  BigDecimal balance(String accountNo) {
    JsonApi.Response account = accountApi.get("/api/accounts/" + accountNo);
    assertThat(account.status()).isEqualTo(200);
    return new BigDecimal(account.text("balance"));
  }

  JsonNode notification(String txNo) {
    JsonApi.Response notification = payApi.get("/api/recharges/" + txNo + "/notification");
    assertThat(notification.status()).as(notification.body().toString()).isEqualTo(200);
    return notification.body();
  }

  /** The operator event of {@code type} about {@code txNo}, once it arrived and verified. */
  OperatorInbox.Event awaitOperatorEvent(String type, String txNo) {
    await(type + " of " + txNo + " at the operator's endpoint")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> operatorEvent(type, txNo) != null);
    assertThat(operator.refused()).as("operator events that did not verify").isEmpty();
    return operatorEvent(type, txNo);
  }

  private OperatorInbox.Event operatorEvent(String type, String txNo) {
    return operator.events(type).stream()
        .filter(event -> event.data().path("txNo").asString().equals(txNo))
        .findFirst()
        .orElse(null);
  }

  JsonNode awaitNotification(String txNo, String status, Duration within) {
    return await("notification of " + txNo + " " + status)
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions() // pay-api or Temporal may be restarting
        .until(() -> notification(txNo), n -> n.path("status").asString().equals(status));
  }

  JsonNode awaitSettled(String txNo, Duration within) {
    return await("notification of " + txNo + " settled")
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> notification(txNo),
            n -> List.of("NOTIFIED", "RECONCILED").contains(n.path("status").asString()));
  }

  /**
   * The notification between two attempts, after at least {@code attempts} of them: while one is in
   * flight no next attempt is scheduled yet, so a view read then has none.
   */
  JsonNode awaitNextAttemptAfter(String txNo, int attempts, Duration within) {
    return await("attempt " + attempts + " of " + txNo + " failed, the next one scheduled")
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> notification(txNo),
            n ->
                n.path("attempts").asInt() >= attempts
                    && !n.path("nextAttemptAt").asString().isEmpty());
  }

  JsonNode awaitAttempts(String txNo, int attempts, Duration within) {
    return await("attempt " + attempts + " of " + txNo)
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> notification(txNo), n -> n.path("attempts").asInt() >= attempts);
  }

  @Override
  public void close() {
    receiverLink.close();
    operator.close();
    if (payApiProcess != null) {
      payApiProcess.stop();
    }
    if (accountApiProcess != null) {
      accountApiProcess.stop();
    }
    stopTemporal();
  }
}
