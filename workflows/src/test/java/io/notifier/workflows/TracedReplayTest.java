package io.notifier.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.workflows.legacy.NotifyWorkflowV1Impl;
import io.notifier.workflows.legacy.NotifyWorkflowV2Impl;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pay-api's worker runs every workflow type with the SDK's tracing interceptors (OpenTracing, on
 * OpenTelemetry through its shim). They add headers and spans, never a command: every recorded
 * history replays with them as without them, on the class that runs its type.
 */
class TracedReplayTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();
  private final TestWorkflowEnvironment environment =
      TestWorkflowEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder()
              .setWorkerFactoryOptions(
                  WorkerFactoryOptions.newBuilder()
                      .setWorkerInterceptors(
                          new OpenTracingWorkerInterceptor(
                              OpenTracingOptions.newBuilder()
                                  .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
                                  .build()))
                      .build())
              .build());

  @AfterEach
  void close() {
    environment.close();
    openTelemetry.close();
  }

  static Stream<Arguments> histories() {
    return Stream.of(
            recorded("v1", NotifyWorkflowV1Impl.class),
            recorded("v2", NotifyWorkflowV1Impl.class),
            recorded("v3", NotifyWorkflowV1Impl.class),
            recorded("v4", NotifyWorkflowV2Impl.class),
            recorded("v5", NotifyWorkflowImpl.class))
        .flatMap(stream -> stream);
  }

  /** Every history recorded from {@code version}, with the class that runs its type today. */
  private static Stream<Arguments> recorded(String version, Class<?> implementation) {
    try (Stream<Path> files =
        Files.list(Path.of(TracedReplayTest.class.getResource("/histories/" + version).toURI()))) {
      List<Arguments> histories =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".json"))
              .sorted()
              .map(name -> Arguments.of("histories/" + version + "/" + name, implementation))
              .toList();
      assertThat(histories).as(version).isNotEmpty();
      return histories.stream();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysWithTheTracingInterceptors(String history, Class<?> implementation) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(history, environment, implementation);

    assertThat(spans.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .as("the interceptors ran")
        .anySatisfy(name -> assertThat(name).startsWith("RunWorkflow:"));
  }
}
