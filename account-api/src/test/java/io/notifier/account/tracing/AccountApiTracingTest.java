package io.notifier.account.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Credentials;
import io.notifier.testing.StubHttpServer;
import io.notifier.testing.StubHttpServer.Received;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * account-api's side of a recharge's trace: a call that comes with pay-api's {@code traceparent}
 * continues pay-api's trace; and given an OTLP endpoint, the spans are sent there, what an operator
 * gets by one setting (against a stand-in collector that takes OTLP over HTTP).
 */
@AccountApiTest
@Import(AccountApiTracingTest.KeptSpans.class)
class AccountApiTracingTest {

  private static final StubHttpServer collector =
      StubHttpServer.start().answer("/v1/traces", 200, "");

  @DynamicPropertySource
  static void exportingToTheCollector(DynamicPropertyRegistry registry) {
    registry.add(
        "management.opentelemetry.tracing.export.otlp.endpoint",
        () -> collector.uri() + "/v1/traces");
    // Spring Boot's batch waits 5 s between exports; the test need not.
    registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
  }

  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @TestConfiguration
  static class KeptSpans {
    @Bean
    SpanProcessor keptSpans() {
      return SimpleSpanProcessor.create(spans);
    }
  }

  @Autowired MockMvcTester mvc;

  @Test
  void aCallWithPayApisTraceparentContinuesPayApisTrace() {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String callersSpan = "00f067aa0ba902b7";

    assertThat(
            mvc.get()
                .uri("/api/accounts/2")
                .header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                .with(Credentials.client())
                .exchange())
        .hasStatusOk();

    SpanData served =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    spans.getFinishedSpanItems().stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER)
                        .filter(span -> span.getTraceId().equals(traceId))
                        .findFirst()
                        .orElse(null),
                span -> span != null);
    assertThat(served.getParentSpanId()).isEqualTo(callersSpan);
  }

  @Test
  void theCreditsSqlStatementsAreSpansOfTheNotificationsTraceWithoutTheirValues() {
    String traceId = "5af92f3577b34da6a3ce929d0e0e4737";
    String txNo = "tx-" + java.util.UUID.randomUUID();

    assertThat(
            mvc.post()
                .uri("/api/notifications")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content(
                    "{\"txNo\":\"%s\",\"accountNo\":\"1\",\"amount\":\"2.50\",\"result\":\"success\"}"
                        .formatted(txNo))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b8-01")
                .with(Credentials.notifier())
                .exchange())
        .hasStatusOk();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<String> statements =
                  spans.getFinishedSpanItems().stream()
                      .filter(span -> span.getTraceId().equals(traceId))
                      .flatMap(span -> span.getAttributes().asMap().entrySet().stream())
                      .filter(attribute -> attribute.getKey().getKey().startsWith("jdbc.query"))
                      .map(attribute -> attribute.getValue().toString().toLowerCase())
                      .toList();
              // The credit: its de_duplication row, then the balance.
              assertThat(statements).anyMatch(sql -> sql.startsWith("insert into de_duplication"));
              assertThat(statements).anyMatch(sql -> sql.startsWith("update account_info"));
              assertThat(statements).noneMatch(sql -> sql.contains(txNo));
            });
  }

  @Test
  void withAnEndpointTheSpansOfARequestAreSentThereOverOtlp() {
    assertThat(mvc.get().uri("/api/accounts/1").with(Credentials.client()).exchange())
        .hasStatusOk();

    List<Received> exports =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> collector.received("POST", "/v1/traces"), sent -> !sent.isEmpty());
    assertThat(exports.getFirst().header("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(exports.getFirst().body()).as("the service's name").contains("account-api");
  }
}
