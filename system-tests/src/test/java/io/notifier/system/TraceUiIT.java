package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.system.ZipkinUi.SpanRow;
import io.notifier.system.ZipkinUi.TracePage;
import io.notifier.testing.FreePorts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./run.sh dev} with its trace UI, as the README tells a person to open it: the services
 * export OTLP to the relay of scripts/trace-ui.sh, and Zipkin shows each recharge as one trace. A
 * recharge whose notification failed twice, account-api stopped, and was delivered at the third
 * attempt, once account-api was back, is found in Zipkin's UI by its txNo, and its waterfall shows
 * pay-api's request, the workflow, the three Deliver attempts (the first two failed, in red) and
 * account-api's credit, in the trace whose id pay-api's log line of the recharge carries. Headless
 * Chromium; the waterfall's screenshot ({@code target/screenshots/trace-ui/...-waterfall.png}) is
 * the README's picture (docs/images/trace-waterfall.png). Missing Zipkin or Chromium fails the
 * test: run.sh downloads Zipkin itself. The ports must be free; whatever happens, the test stops
 * what it started. MariaDB must be running (./test.sh starts it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceUiIT {

  private static final List<Integer> PORTS = List.of(7233, 8081, 8082, 8233, 9411, 4318);
  private static final URI TRACE_UI = URI.create("http://localhost:9411/zipkin/");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("notify.screenshots", "target/screenshots"), "trace-ui");
  private static final Pattern TRACE_ID_OF_LOG_LINE = Pattern.compile("\\[([0-9a-f]{32})-");

  /** The second attempt 1 s after the first; the third 30 s later, account-api back by then. */
  private static final String RETRY_INTERVALS = "1s,30s";

  private final Path logs = Path.of(System.getProperty("notify.logs", "target/service-logs"));
  private final RunScript run = new RunScript(logs.resolve("run.sh-dev.log"));
  private final JsonApi payApi = new JsonApi(8081).as("demo-client-key");
  private final JsonApi zipkinApi = new JsonApi(9411);
  private Browser browser;

  @RegisterExtension
  final ScreenshotOnFailure screenshotOnFailure = new ScreenshotOnFailure(() -> browser);

  @BeforeAll
  void startDevWithItsTraceUi() throws Exception {
    assertThat(PORTS).as("ports of ./run.sh dev already taken").noneMatch(FreePorts::listening);
    Files.createDirectories(logs);
    browser = Browser.start(SCREENSHOTS, logs.resolve("chromedriver-trace-ui.log"));
    browser.startTest("oneRechargeIsOneTrace");
    run.start(
        List.of("dev"),
        Map.of(
            "NOTIFY_RETRY_INTERVALS", RETRY_INTERVALS,
            "NOTIFY_WINDOW", "5m",
            "ACCOUNT_CHECK_CACHE_FOR", "30m"),
        Duration.ofSeconds(240));
  }

  @AfterAll
  void stopWhateverIsLeft() throws Exception {
    if (browser != null) {
      browser.close();
    }
    run.stopWhateverIsLeft();
  }

  @Test
  @Order(1)
  void readyGivesTheTraceUiAndTheServicesExportToIt() throws Exception {
    assertThat(run.output()).contains("traces " + TRACE_UI);
    for (String service : List.of("pay-api", "account-api")) {
      assertThat(Files.readString(run.root.resolve(".data/run/" + service + ".log")))
          .as(service + " says where its traces go")
          .contains("Traces are exported over OTLP to http://127.0.0.1:4318/v1/traces");
    }
  }

  @Test
  @Order(2)
  void aRechargeDeliveredAtTheThirdAttemptIsOneTraceInTheTraceUi() throws Exception {
    recharge("1", "0.01"); // account-api is asked of account 1 while it is up, then remembered
    assertThat(run.command("stop", "account-api").exitCode()).isZero();
    String txNo;
    try {
      txNo = recharge("1", "42.00");
      await("two attempts failed")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> notification(txNo).path("attempts").asInt(), attempts -> attempts >= 2);
    } finally {
      assertThat(run.command("start", "account-api").exitCode()).isZero();
    }
    JsonNode notified =
        await("NOTIFIED at the third attempt")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> notification(txNo), n -> n.path("status").asString().equals("NOTIFIED"));
    assertThat(notified.path("attempts").asInt()).as("attempts").isEqualTo(3);

    // The trace id pay-api's log line of the notification's start carries, [<traceId>-<spanId>].
    String traceId = traceIdOfLogLine("pay-api", "Notification of " + txNo + " started");
    // Spans leave the services in batches, every few seconds: wait until Zipkin has the credit.
    await("Zipkin has the trace with account-api's credit")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> zipkinApi.get("/api/v2/trace/" + traceId).body().valueStream().toList(),
            spans ->
                spans.stream().anyMatch(s -> s.path("name").asString().equals("account.settlement"))
                    && spans.stream()
                        .anyMatch(
                            s -> s.path("name").asString().equals("runworkflow:notifyworkflowv3")));

    // Tall enough for the whole waterfall in the screenshot, the README's picture.
    browser.driver().manage().window().setSize(new Dimension(1400, 1500));
    ZipkinUi zipkin = new ZipkinUi(browser, TRACE_UI);
    // Each read of the notification's status is a trace of its own with the txNo too.
    TracePage trace = zipkin.findByTag("txNo=" + txNo, "pay-api: http post /api/recharges");
    assertThat(trace.traceId()).isEqualTo(traceId);
    List<SpanRow> spans = trace.spans();
    browser.screenshot("waterfall");

    assertThat(spans).first().isEqualTo(new SpanRow("pay-api", "http post /api/recharges", false));
    assertThat(spans).extracting(SpanRow::name).contains("runworkflow:notifyworkflowv3");
    // The first attempt is the workflow's local activity; the server's Deliver then runs three
    // times: its first attempt makes no call (it reports the local one's failure), the next two
    // call account-api. Each call is an "http post" under its attempt, a failed one in red.
    assertThat(spans).filteredOn(span -> span.name().equals("runactivity:deliver")).hasSize(4);
    assertThat(spans)
        .filteredOn(span -> span.name().equals("http post"))
        .extracting(SpanRow::error)
        .as("the calls to account-api, in order: failed, failed, delivered")
        .containsExactly(true, true, false);
    assertThat(spans)
        .containsOnlyOnce(
            new SpanRow("account-api", "http post /api/notifications", false),
            new SpanRow("account-api", "account.settlement", false));
  }

  @Test
  @Order(3)
  void ctrlCStopsTheTraceUiToo() throws Exception {
    run.interrupt();

    assertThat(run.process().waitFor(60, TimeUnit.SECONDS))
        .as("run.sh ended after Ctrl-C")
        .isTrue();
    assertThat(PORTS).as("nothing listens any more").noneMatch(FreePorts::listening);
  }

  private String traceIdOfLogLine(String service, String saying) throws Exception {
    String line =
        Files.readAllLines(run.root.resolve(".data/run/" + service + ".log")).stream()
            .filter(l -> l.contains(saying))
            .findFirst()
            .orElseThrow(() -> new AssertionError(service + " logged no line with: " + saying));
    Matcher traceId = TRACE_ID_OF_LOG_LINE.matcher(line);
    assertThat(traceId.find()).as("a trace id in: " + line).isTrue();
    return traceId.group(1);
  }

  private String recharge(String accountNo, String amount) {
    JsonApi.Response recharge =
        payApi.post("/api/recharges", Map.of("accountNo", accountNo, "amount", amount));
    assertThat(recharge.status()).as(recharge.body().toString()).isEqualTo(201);
    return recharge.text("txNo");
  }

  private JsonNode notification(String txNo) {
    return payApi.get("/api/recharges/" + txNo + "/notification").body();
  }
}
