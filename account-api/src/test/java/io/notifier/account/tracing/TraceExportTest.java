package io.notifier.account.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Credentials;
import io.notifier.testing.StubHttpServer;
import io.notifier.testing.StubHttpServer.Received;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Given an OTLP endpoint, a service sends its spans there: what an operator gets by setting one
 * setting, against a stand-in collector that takes OTLP over HTTP.
 */
@AccountApiTest
class TraceExportTest {

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

  @Autowired MockMvcTester mvc;

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
