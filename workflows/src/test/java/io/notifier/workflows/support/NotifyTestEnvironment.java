package io.notifier.workflows.support;

import static org.awaitility.Awaitility.await;

import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.NotifyWorkflowImpl;
import io.notifier.workflows.NotifyWorkflowOptions;
import io.notifier.workflows.RechargeNotification;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The time-skipping test server with a worker running the real workflow and the fake activities,
 * started as pay-api starts it.
 */
public final class NotifyTestEnvironment implements AutoCloseable {

  public static final String TASK_QUEUE = "notify-test";

  public final TestWorkflowEnvironment temporal;
  public final FakeReceiver receiver = new FakeReceiver(this::now);
  public final FakeAccountApi accountApi = new FakeAccountApi(this::now);

  public NotifyTestEnvironment() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    NotifySearchAttributes.ALL.forEach(
        key ->
            options.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    temporal = TestWorkflowEnvironment.newInstance(options.build());
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(NotifyWorkflowImpl.class);
    worker.registerActivitiesImplementations(receiver, accountApi);
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
                NotifyWorkflowOptions.of(notification, policy, TASK_QUEUE, now()));
    WorkflowClient.start(workflow::notifyRecharge, new NotifyRequest(notification, policy));
    return workflow;
  }

  /** Waits for the workflow's result, skipping time as the server allows. */
  public static NotificationState resultOf(NotifyWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(NotificationState.class);
  }

  /** Waits until the history of {@code txNo}'s notification holds an event of {@code type}. */
  public void awaitEvent(String txNo, EventType type) {
    await(type + " in the history of " + txNo)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                temporal
                    .getWorkflowClient()
                    .fetchHistory(NotifyWorkflow.workflowId(txNo))
                    .getEvents()
                    .stream()
                    .anyMatch(event -> event.getEventType() == type));
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
    receiver.release(FakeReceiver.Answer.TAKE);
    temporal.close();
  }
}
