package io.notifier.web.tracing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.PropertyResolver;

/**
 * Says once, when the service is ready, whether its spans leave the process. Spring Boot exports
 * over OTLP only when an endpoint is set and is silent otherwise; an operator looking for a trace
 * that was never sent should not have to read the configuration to learn why.
 */
@AutoConfiguration
public class TraceExportNotice {

  /** Spring Boot's setting (MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT). */
  public static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

  /**
   * Spring Boot's endpoint for every OTLP signal, used for traces when {@link #ENDPOINT} is not.
   */
  static final String COMMON_ENDPOINT = "management.opentelemetry.otlp.endpoint";

  private static final Logger log = LoggerFactory.getLogger(TraceExportNotice.class);

  @EventListener(ApplicationReadyEvent.class)
  void onReady(ApplicationReadyEvent ready) {
    log.info(notice(ready.getApplicationContext().getEnvironment()));
  }

  static String notice(PropertyResolver settings) {
    String endpoint = settings.getProperty(ENDPOINT, settings.getProperty(COMMON_ENDPOINT, ""));
    return endpoint.isBlank()
        ? "Traces are not exported: "
            + ENDPOINT
            + " is not set (log lines still carry their trace ids)"
        : "Traces are exported over OTLP to " + endpoint;
  }
}
