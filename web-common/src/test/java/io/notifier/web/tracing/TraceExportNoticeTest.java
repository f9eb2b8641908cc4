package io.notifier.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TraceExportNoticeTest {

  @Test
  void withoutAnEndpointItSaysTracesAreNotExportedAndWhichSettingWouldExportThem() {
    assertThat(TraceExportNotice.notice(new MockEnvironment()))
        .isEqualTo(
            "Traces are not exported: management.opentelemetry.tracing.export.otlp.endpoint"
                + " is not set (log lines still carry their trace ids)");
  }

  @Test
  void withTheTracingEndpointItNamesIt() {
    MockEnvironment settings =
        new MockEnvironment()
            .withProperty(TraceExportNotice.ENDPOINT, "http://127.0.0.1:4318/v1/traces");

    assertThat(TraceExportNotice.notice(settings))
        .isEqualTo("Traces are exported over OTLP to http://127.0.0.1:4318/v1/traces");
  }

  @Test
  void withOnlyTheCommonOtlpEndpointItNamesThatOne() {
    MockEnvironment settings =
        new MockEnvironment()
            .withProperty(TraceExportNotice.COMMON_ENDPOINT, "http://collector:4318/v1/traces");

    assertThat(TraceExportNotice.notice(settings))
        .isEqualTo("Traces are exported over OTLP to http://collector:4318/v1/traces");
  }
}
