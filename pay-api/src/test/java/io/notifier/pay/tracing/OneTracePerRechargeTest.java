package io.notifier.pay.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.testing.AccountApiStub;
import io.notifier.testing.StubHttpServer.Received;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * One recharge, one trace: from the client's POST through pay-api, the start of its workflow, the
 * workflow and its delivery attempt, to the notification account-api receives, whose {@code
 * traceparent} names the same trace. The spans are kept in memory, as an exporter would get them.
 */
@Import(OneTracePerRechargeTest.KeptSpans.class)
@ExtendWith(OutputCaptureExtension.class)
class OneTracePerRechargeTest extends PayApiIntegrationTest {

  private static final AttributeKey<String> TX_NO = AttributeKey.stringKey("txNo");

  /** What the SDK's interceptor marks a failed activity attempt with, beside its exception. */
  private static final AttributeKey<Boolean> FAILED = AttributeKey.booleanKey("failed");

  private static final AttributeKey<String> URI = AttributeKey.stringKey("uri");
  private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @TestConfiguration
  static class KeptSpans {
    /** Exported as each span ends, beside Spring Boot's batching processor. */
    @Bean
    SpanProcessor keptSpans() {
      return SimpleSpanProcessor.create(spans);
    }
  }

  @BeforeEach
  void forgetEarlierSpans() {
    spans.reset();
  }

  @Test
  void theNotificationAccountApiReceivesCarriesTheTraceOfTheRechargeRequest() {
    String txNo = recharge("4.00");

    Matcher traceparent = traceparentOf(notificationOf(txNo));

    SpanData request = serverSpanOf(txNo);
    assertThat(traceparent.group(1)).isEqualTo(request.getTraceId());
    List<SpanData> trace = spansOf(request.getTraceId());
    SpanData call =
        trace.stream()
            .filter(span -> span.getSpanId().equals(traceparent.group(2)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no span sent " + traceparent.group()));
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(parentOf(call, trace).getName()).isEqualTo("RunActivity:Deliver");
  }

  @Test
  void aRetriedDeliveryIsInTheSameTraceEachAttemptASpanWithItsOutcomeAndItsOwnCall() {
    AtomicInteger received = new AtomicInteger();
    accountApi.notifications(
        request ->
            received.getAndIncrement() == 0
                ? AccountApiStub.unavailable()
                : AccountApiStub.acknowledged(request));
    String txNo = recharge("7.00");

    String traceId = serverSpanOf(txNo).getTraceId();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              List<SpanData> trace = spansOf(traceId);
              List<SpanData> attempts =
                  trace.stream()
                      .filter(span -> span.getName().equals("RunActivity:Deliver"))
                      .toList();
              assertThat(attempts).hasSizeGreaterThanOrEqualTo(2);
              assertThat(attempts.getLast().getAttributes().get(FAILED)).isNull();
              assertThat(attempts.subList(0, attempts.size() - 1))
                  .allSatisfy(
                      failed -> {
                        assertThat(failed.getAttributes().get(FAILED)).isTrue();
                        assertThat(failed.getEvents())
                            .anySatisfy(
                                event -> assertThat(event.getName()).isEqualTo("exception"));
                      });
              // The first attempt's failure, read again by the server's first attempt, which
              // makes no call; each other attempt makes its own.
              List<SpanData> calls =
                  trace.stream()
                      .filter(span -> span.getKind() == SpanKind.CLIENT)
                      .filter(span -> "/api/notifications".equals(span.getAttributes().get(URI)))
                      .toList();
              assertThat(calls)
                  .extracting(call -> parentOf(call, trace))
                  .hasSize(2)
                  .doesNotHaveDuplicates()
                  .allSatisfy(attempt -> assertThat(attempts).contains(attempt));
            });
  }

  @Test
  void theTraceHoldsTheRequestTheWorkflowsStartTheWorkflowAndTheDeliveryAttemptEachWithTheTxNo() {
    String txNo = recharge("5.00");
    notificationOf(txNo);

    String traceId = serverSpanOf(txNo).getTraceId();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(spansOf(traceId))
                    .filteredOn(span -> txNo.equals(span.getAttributes().get(TX_NO)))
                    .extracting(SpanData::getName)
                    .contains(
                        "http post /api/recharges",
                        "StartWorkflow:NotifyWorkflowV3",
                        "RunWorkflow:NotifyWorkflowV3",
                        "StartActivity:Deliver",
                        "RunActivity:Deliver"));
  }

  @Test
  void theRechargesSqlStatementsAreSpansOfItsTraceWithTheirTextAndNoValues() {
    String txNo = recharge("3.00");
    notificationOf(txNo);

    String traceId = serverSpanOf(txNo).getTraceId();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<String> statements =
                  spansOf(traceId).stream()
                      .flatMap(span -> span.getAttributes().asMap().entrySet().stream())
                      .filter(attribute -> attribute.getKey().getKey().startsWith("jdbc.query"))
                      .map(attribute -> attribute.getValue().toString().toLowerCase())
                      .toList();
              // The recharge's row, written in the request; its outcome, by the workflow.
              assertThat(statements).anyMatch(sql -> sql.startsWith("insert into account_pay"));
              assertThat(statements).anyMatch(sql -> sql.startsWith("update account_pay"));
              assertThat(statements).noneMatch(sql -> sql.contains(txNo));
            });
  }

  @Test
  void theLogLineOfTheStartCarriesTheTraceId(CapturedOutput output) {
    String txNo = recharge("6.00");
    notificationOf(txNo);

    String traceId = serverSpanOf(txNo).getTraceId();

    assertThat(output.getAll().lines())
        .filteredOn(line -> line.contains("Notification of " + txNo + " started"))
        .singleElement()
        .asString()
        .contains(traceId);
  }

  /** A recharge to account 1 over real HTTP, as a client sends it; its txNo. */
  private String recharge(String amount) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      java.net.URI.create("http://127.0.0.1:" + port() + "/api/recharges"))
                  .header("Authorization", "Bearer " + Credentials.CLIENT_KEY)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"accountNo\":\"1\",\"amount\":\"" + amount + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(201);
      Matcher txNo = Pattern.compile("\"txNo\":\"([^\"]+)\"").matcher(response.body());
      assertThat(txNo.find()).isTrue();
      return txNo.group(1);
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static Received notificationOf(String txNo) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                accountApi.notificationsReceived().stream()
                    .filter(request -> txNo.equals(request.header("webhook-id")))
                    .findFirst()
                    .orElse(null),
            received -> received != null);
  }

  private static Matcher traceparentOf(Received notification) {
    String header = notification.header("traceparent");
    assertThat(header).as("traceparent").isNotNull();
    Matcher traceparent = TRACEPARENT.matcher(header);
    assertThat(traceparent.matches()).as(header).isTrue();
    return traceparent;
  }

  private static SpanData serverSpanOf(String txNo) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind() == SpanKind.SERVER)
                    .filter(span -> txNo.equals(span.getAttributes().get(TX_NO)))
                    .findFirst()
                    .orElse(null),
            span -> span != null);
  }

  private static SpanData parentOf(SpanData span, List<SpanData> trace) {
    return trace.stream()
        .filter(parent -> parent.getSpanId().equals(span.getParentSpanId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parent of " + span.getName()));
  }

  private static List<SpanData> spansOf(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getTraceId().equals(traceId))
        .toList();
  }
}
