package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration;
import io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * pay-api's Temporal client as the Spring Boot starter makes it in production: the starter's own
 * auto-configuration, pay-api's options for it, and the settings given as environment variables,
 * named as an operator names them ({@code SPRING_TEMPORAL_CONNECTION_API_KEY}), bound by Spring's
 * relaxed rules exactly as the process environment is.
 */
final class StarterClient {

  private StarterClient() {}

  static void with(Map<String, String> environment, Consumer<WorkflowClient> use) {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ServiceStubsAutoConfiguration.class, RootNamespaceAutoConfiguration.class))
        .withUserConfiguration(PayApiStubsOptions.class)
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        // Spring maps environment variables' names by this suffix of the source's.
                        new SystemEnvironmentPropertySource(
                            "test-systemEnvironment", Map.<String, Object>copyOf(environment))))
        .run(
            context -> {
              if (context.getStartupFailure() != null) {
                throw context.getStartupFailure();
              }
              use.accept(context.getBean(WorkflowClient.class));
            });
  }

  /** Two calls as pay-api makes them: a start, and the describe its status endpoint reads. */
  static void startAndDescribe(WorkflowClient client) {
    WorkflowStub notification =
        client.newUntypedWorkflowStub(
            "ConnectionCheck",
            WorkflowOptions.newBuilder()
                .setTaskQueue("connection-check")
                .setWorkflowId("notify-" + UUID.randomUUID())
                .build());
    notification.start();
    assertThat(notification.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  /**
   * pay-api's customizer of the stubs (its RPC timeout), beside the starter's connection. Not a
   * {@code @Configuration}: the services' own tests scan this package for those.
   */
  static class PayApiStubsOptions {
    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalRpcTimeout() {
      return new NotifyWorkerConfiguration().temporalRpcTimeout();
    }
  }
}
