package io.notifier.pay.notification;

import io.notifier.activities.delivery.DeliveryActivitiesImpl;
import io.notifier.activities.delivery.SignallingAttemptReporter;
import io.notifier.activities.http.JsonHttp;
import io.notifier.activities.reconciliation.ReconciliationActivitiesImpl;
import io.notifier.workflows.NotifyPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifier's parts in pay-api: the activity beans that the worker (configured under {@code
 * spring.temporal.workers}) runs, and the policy new notifications start with.
 */
@Configuration
class NotifierConfiguration {

  /**
   * A recharge must not wait long for an unreachable Temporal: its notification is recorded as
   * pending and the relay starts it later. The SDK would otherwise retry a refused start for a
   * minute; this bounds every client call of pay-api (start, query, signal), not the worker's polls
   * or its reports of finished tasks, which keep their own retries.
   */
  private static final Duration TEMPORAL_RPC_TIMEOUT = Duration.ofSeconds(3);

  @Bean
  NotifyPolicy notifyPolicy(NotifyProperties properties) {
    return properties.policy();
  }

  @Bean
  JsonHttp notifierHttp(NotifyProperties properties) {
    return new JsonHttp(properties.http().connectTimeout(), properties.http().requestTimeout());
  }

  @Bean
  DeliveryActivitiesImpl deliveryActivities(
      JsonHttp notifierHttp, NotifyProperties properties, WorkflowClient workflowClient) {
    return new DeliveryActivitiesImpl(
        notifierHttp,
        notificationsEndpoint(properties),
        new SignallingAttemptReporter(workflowClient));
  }

  @Bean
  ReconciliationActivitiesImpl reconciliationActivities(
      JsonHttp notifierHttp, NotifyProperties properties) {
    return new ReconciliationActivitiesImpl(
        notifierHttp, properties.payApi(), notificationsEndpoint(properties));
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalRpcTimeout() {
    return options ->
        options
            .setRpcTimeout(TEMPORAL_RPC_TIMEOUT)
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder().setExpiration(TEMPORAL_RPC_TIMEOUT).build());
  }

  private static URI notificationsEndpoint(NotifyProperties properties) {
    return properties.accountApi().resolve("/api/notifications");
  }
}
