package io.notifier.pay.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.notifier.activities.delivery.DeliveryActivitiesImpl;
import io.notifier.activities.delivery.DeliveryProgressImpl;
import io.notifier.activities.operator.OperatorEventActivitiesImpl;
import io.notifier.activities.reconciliation.ReconciliationActivitiesImpl;
import io.notifier.activities.signing.WebhookSigner;
import io.notifier.pay.tracing.TemporalTracing;
import io.notifier.web.client.Credential;
import io.notifier.web.client.ServiceClient;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyWorkflowImpl;
import io.notifier.workflows.legacy.NotifyWorkflowV1Impl;
import io.notifier.workflows.legacy.NotifyWorkflowV2Impl;
import io.notifier.workflows.operator.OperatorEventWorkflowImpl;
import io.opentracing.Tracer;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The notifier's worker in pay-api, wired in one place: the workflow types from {@code workflows},
 * the activities from {@code activities} with their clients of account-api (notifications signed
 * with the secrets of {@link SigningProperties}, reconciliations with pay-api's key), the activity
 * that writes each outcome into account_pay, the task queue, and the policy new notifications start
 * with. The Spring Boot starter provides the Temporal client; the worker runs beside it in this
 * process, which is what lets a start be eager.
 */
@Configuration
class NotifyWorkerConfiguration {

  /**
   * A recharge must not wait long for an unreachable Temporal: its notification is recorded as
   * pending and the relay starts it later. The SDK would otherwise retry a refused start for a
   * minute, and wait a minute for a query no worker answers; this bounds every client call of
   * pay-api (start, describe, query, signal), not the worker's polls or its reports of finished
   * tasks, which keep their own retries.
   */
  static final Duration TEMPORAL_RPC_TIMEOUT = Duration.ofSeconds(3);

  @Bean
  NotifyPolicy notifyPolicy(NotifyProperties properties) {
    return properties.policy();
  }

  @Bean(destroyMethod = "shutdown")
  WorkerFactory notifyWorkerFactory(
      WorkflowClient client,
      NotifyProperties properties,
      SigningProperties signing,
      OperatorEventProperties operatorEvents,
      NotificationLedger ledger,
      Clock clock,
      ObjectProvider<Tracer> tracer,
      ObservationRegistry observations) {
    // Traced like the client: each workflow, each activity attempt a span of the recharge's trace.
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(TemporalTracing.workerInterceptors(tracer))
                .build());
    Worker worker =
        factory.newWorker(
            properties.taskQueue(),
            // Activities, local or not, spend their time waiting on HTTP: a virtual thread each.
            WorkerOptions.newBuilder()
                .setUsingVirtualThreadsOnActivityWorker(true)
                .setUsingVirtualThreadsOnLocalActivityWorker(true)
                .build());
    // NotifyWorkflowV3 for new notifications; the retired types for those started before; and
    // the operator events they start.
    worker.registerWorkflowImplementationTypes(
        NotifyWorkflowImpl.class,
        NotifyWorkflowV2Impl.class,
        NotifyWorkflowV1Impl.class,
        OperatorEventWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(
            accountApi(
                properties, new WebhookSigner(signing.secrets(), clock).credential(), observations),
            clock),
        new DeliveryProgressImpl(client),
        new ReconciliationActivitiesImpl(
            accountApi(properties, Credential.bearer(properties.accountApiKey()), observations),
            clock,
            properties.reconcile().limit()),
        new OutcomeRecorder(ledger),
        operatorEventActivities(operatorEvents, properties, clock, observations));
    return factory;
  }

  /** Posts operator events, signed with their own secrets, when an operator URL is configured. */
  private static OperatorEventActivitiesImpl operatorEventActivities(
      OperatorEventProperties operatorEvents,
      NotifyProperties properties,
      Clock clock,
      ObservationRegistry observations) {
    if (!operatorEvents.enabled()) {
      return OperatorEventActivitiesImpl.disabled();
    }
    return new OperatorEventActivitiesImpl(
        Optional.of(
            client(
                "the operator URL",
                operatorEvents.url(),
                properties,
                new WebhookSigner(operatorEvents.secrets(), clock).credential(),
                observations)),
        operatorEvents.settings());
  }

  private static ServiceClient accountApi(
      NotifyProperties properties, Credential credential, ObservationRegistry observations) {
    return client("account-api", properties.accountApi(), properties, credential, observations);
  }

  /** A client of {@code url} with the notifier's HTTP timeouts. */
  private static ServiceClient client(
      String service,
      URI url,
      NotifyProperties properties,
      Credential credential,
      ObservationRegistry observations) {
    return new ServiceClient(
        service,
        url,
        properties.http().connectTimeout(),
        properties.http().requestTimeout(),
        credential,
        observations);
  }

  /**
   * Also a gauge, {@code notify_worker_started}: 0 while the worker waits for Temporal to answer.
   * pay-api stays ready meanwhile (it takes recharges), so its health cannot say so.
   */
  @Bean(destroyMethod = "close")
  NotifyWorkerStart notifyWorkerStart(WorkerFactory factory, MeterRegistry registry) {
    NotifyWorkerStart start = new NotifyWorkerStart(factory);
    Gauge.builder("notify.worker.started", start, s -> s.started() ? 1 : 0)
        .description(
            "1 once the notify worker polls Temporal, 0 while its start waits for Temporal")
        .register(registry);
    return start;
  }

  /**
   * Polls only once the application is ready: the API and the relay are up by then. If Temporal
   * does not answer yet, pay-api runs without its worker until it does.
   */
  @EventListener(ApplicationReadyEvent.class)
  void startWorker(ApplicationReadyEvent ready) {
    ready.getApplicationContext().getBean(NotifyWorkerStart.class).start();
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalRpcTimeout() {
    return options ->
        options
            .setRpcTimeout(TEMPORAL_RPC_TIMEOUT)
            .setRpcQueryTimeout(TEMPORAL_RPC_TIMEOUT)
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder().setExpiration(TEMPORAL_RPC_TIMEOUT).build());
  }
}
