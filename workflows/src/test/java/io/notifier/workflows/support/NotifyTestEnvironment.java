package io.notifier.workflows.support;

import io.notifier.activities.RechargeNotification;
import io.notifier.activities.delivery.DeliveryActivities;
import io.notifier.activities.delivery.DeliveryActivitiesImpl;
import io.notifier.activities.delivery.DeliveryReceipt;
import io.notifier.activities.delivery.DeliveryRequest;
import io.notifier.activities.delivery.SignallingAttemptReporter;
import io.notifier.activities.http.JsonHttp;
import io.notifier.activities.reconciliation.ReconciliationActivitiesImpl;
import io.notifier.testing.StubHttpServer;
import io.notifier.workflows.NotificationStatus;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.NotifyWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The time-skipping test server with a worker running the real workflow and the real activities,
 * which talk HTTP to two stubs standing in for account-api and pay-api.
 */
public final class NotifyTestEnvironment implements AutoCloseable {

  public static final String TASK_QUEUE = "notify-test";
  public static final String NOTIFICATIONS = "/api/notifications";

  public final TestWorkflowEnvironment temporal;
  public final StubHttpServer accountApi = StubHttpServer.start();
  public final StubHttpServer payApi = StubHttpServer.start();
  private final List<Instant> deliveryAttempts = new CopyOnWriteArrayList<>();

  public NotifyTestEnvironment() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    NotifySearchAttributes.ALL.forEach(
        key ->
            options.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    temporal = TestWorkflowEnvironment.newInstance(options.build());
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(NotifyWorkflowImpl.class);
    JsonHttp http = new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2));
    URI notifications = accountApi.uri().resolve(NOTIFICATIONS);
    DeliveryActivities delivery =
        new DeliveryActivitiesImpl(
            http, notifications, new SignallingAttemptReporter(temporal.getWorkflowClient()));
    worker.registerActivitiesImplementations(
        new TimedDelivery(delivery),
        new ReconciliationActivitiesImpl(http, payApi.uri(), notifications));
    temporal.start();
  }

  public static RechargeNotification recharge(String txNo) {
    return new RechargeNotification(
        txNo, "1", new BigDecimal("100.00"), RechargeNotification.SUCCESS);
  }

  /** Starts the notification of {@code notification} the way pay-api does. */
  public NotifyWorkflow start(RechargeNotification notification, NotifyPolicy policy) {
    NotifyWorkflow workflow =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                NotifyWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(NotifyWorkflow.workflowId(notification.txNo()))
                    .setTaskQueue(TASK_QUEUE)
                    .setTypedSearchAttributes(NotifySearchAttributes.initial(notification))
                    .build());
    WorkflowClient.start(workflow::notifyRecharge, new NotifyRequest(notification, policy));
    return workflow;
  }

  /** Waits for the workflow's result, skipping time as the server allows. */
  public static NotificationStatus resultOf(NotifyWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(NotificationStatus.class);
  }

  /** When each delivery attempt ran, in the test server's time. */
  public List<Instant> deliveryAttempts() {
    return List.copyOf(deliveryAttempts);
  }

  public Instant now() {
    return Instant.ofEpochMilli(temporal.currentTimeMillis());
  }

  /** Lets the server's clock run {@code duration} ahead, firing whatever falls due. */
  public void skip(Duration duration) {
    temporal.sleep(duration);
  }

  @Override
  public void close() {
    temporal.close();
    accountApi.close();
    payApi.close();
  }

  /** Notes the server's time of each attempt before making it. */
  private final class TimedDelivery implements DeliveryActivities {
    private final DeliveryActivities delegate;

    private TimedDelivery(DeliveryActivities delegate) {
      this.delegate = delegate;
    }

    @Override
    public DeliveryReceipt deliver(DeliveryRequest request) {
      deliveryAttempts.add(now());
      return delegate.deliver(request);
    }
  }
}
