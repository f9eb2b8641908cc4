package io.notifier.pay.tracing;

import io.opentracing.Tracer;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One trace per recharge through Temporal, with the SDK's own OpenTracing interceptors on Spring
 * Boot's OpenTelemetry: the Temporal starter makes an OpenTracing {@link Tracer} of it through
 * OpenTelemetry's shim whenever both are on the classpath. The client's interceptor writes the
 * current trace context (the HTTP request's, or the relay's) into the start's header; the worker's
 * read it back, so the workflow's spans, each activity attempt's and the HTTP calls made in them
 * are children of the start, however much later they run. Interceptors add headers and spans, never
 * a command: workflow histories replay as before.
 */
@Configuration
public class TemporalTracing {

  /**
   * The starter's client interceptor, replaced by the same one naming spans with their txNo. The
   * starter applies customizers after its own interceptors, and they cannot be given options.
   */
  @Bean
  TemporalOptionsCustomizer<WorkflowClientOptions.Builder> tracedWorkflowClient(
      ObjectProvider<Tracer> tracer) {
    return builder -> {
      Tracer available = tracer.getIfAvailable();
      if (available == null) {
        return builder;
      }
      List<WorkflowClientInterceptor> interceptors = new ArrayList<>();
      interceptors.add(new OpenTracingClientInterceptor(options(available)));
      for (WorkflowClientInterceptor interceptor : builder.build().getInterceptors()) {
        if (!(interceptor instanceof OpenTracingClientInterceptor)) {
          interceptors.add(interceptor);
        }
      }
      return builder.setInterceptors(interceptors.toArray(WorkflowClientInterceptor[]::new));
    };
  }

  /** The worker's interceptors: none without a tracer. */
  public static WorkerInterceptor[] workerInterceptors(ObjectProvider<Tracer> tracer) {
    Tracer available = tracer.getIfAvailable();
    return available == null
        ? new WorkerInterceptor[0]
        : new WorkerInterceptor[] {new OpenTracingWorkerInterceptor(options(available))};
  }

  private static OpenTracingOptions options(Tracer tracer) {
    return OpenTracingOptions.newBuilder()
        .setTracer(tracer)
        .setSpanBuilderProvider(new TxNoSpans())
        .build();
  }
}
