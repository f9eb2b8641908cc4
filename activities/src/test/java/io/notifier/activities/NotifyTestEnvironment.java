package io.notifier.activities;

import static org.awaitility.Awaitility.await;

import io.notifier.activities.delivery.DeliveryActivitiesImpl;
import io.notifier.activities.delivery.DeliveryProgressImpl;
import io.notifier.activities.operator.OperatorEventActivitiesImpl;
import io.notifier.activities.reconciliation.ReconciliationActivitiesImpl;
import io.notifier.activities.signing.WebhookSigner;
import io.notifier.testing.AccountApiStub;
import io.notifier.testing.OperatorInbox;
import io.notifier.web.client.Credential;
import io.notifier.web.client.ServiceClient;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.NotifyWorkflowImpl;
import io.notifier.workflows.NotifyWorkflowOptions;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.legacy.NotifyWorkflowV1Impl;
import io.notifier.workflows.legacy.NotifyWorkflowV2Impl;
import io.notifier.workflows.operator.OperatorEventSettings;
import io.notifier.workflows.operator.OperatorEventWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The time-skipping test server with a worker as pay-api runs it: the real workflow types and the
 * real activities, talking HTTP to {@link AccountApiStub}, their clock the server's; only pay-api's
 * account_pay is a list ({@link RecordedOutcomes}).
 */
public final class NotifyTestEnvironment implements AutoCloseable {

  public static final String TASK_QUEUE = "notify-test";

  /** On, retried for three days, one receiver.recovered per minute at most. */
  public static final OperatorEventSettings OPERATOR_EVENTS =
      new OperatorEventSettings(true, Duration.ofDays(3), Duration.ofMinutes(1));

  /** The whole history of a notification delivered at its first attempt: seven events. */
  public static final List<EventType> DELIVERED_AT_ONCE =
      List.of(
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
          EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
          EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
          EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
          EventType.EVENT_TYPE_MARKER_RECORDED, // the first attempt, a local activity
          EventType.EVENT_TYPE_MARKER_RECORDED, // its outcome, written into account_pay
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);

  /** pay-api's key at account-api, as the reconciliation requests carry it. */
  public static final String PAY_API_KEY = "test-pay-api-key";

  public final TestWorkflowEnvironment temporal;
  public final AccountApiStub accountApi;
  public final RecordedOutcomes outcomes = new RecordedOutcomes();

  /** The operator's endpoint for operator events, when they are on. */
  public final OperatorInbox operator;

  public NotifyTestEnvironment() {
    this(AccountApiStub.start(), true);
  }

  /**
   * @param startWorker false leaves the worker stopped until {@link #startWorker()}, as when a
   *     notification's first task runs late
   */
  public NotifyTestEnvironment(AccountApiStub accountApi, boolean startWorker) {
    this(accountApi, startWorker, null);
  }

  /** With operator events sent to {@code operator}, one receiver.recovered per minute at most. */
  public static NotifyTestEnvironment withOperatorEvents() {
    return new NotifyTestEnvironment(AccountApiStub.start(), true, OperatorInbox.start());
  }

  private NotifyTestEnvironment(
      AccountApiStub accountApi, boolean startWorker, OperatorInbox operator) {
    this.accountApi = accountApi;
    this.operator = operator;
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    NotifySearchAttributes.ALL.forEach(
        key ->
            options.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    temporal = TestWorkflowEnvironment.newInstance(options.build());
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        NotifyWorkflowImpl.class,
        NotifyWorkflowV2Impl.class,
        NotifyWorkflowV1Impl.class,
        OperatorEventWorkflowImpl.class);
    Clock serverTime = new ServerClock();
    worker.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(
            client("account-api", accountApi.baseUrl(), TestSigning.signer().credential()),
            serverTime),
        new DeliveryProgressImpl(temporal.getWorkflowClient()),
        new ReconciliationActivitiesImpl(
            client("account-api", accountApi.baseUrl(), Credential.bearer(PAY_API_KEY)),
            serverTime,
            Duration.ofDays(7)),
        outcomes,
        operator == null
            ? OperatorEventActivitiesImpl.disabled()
            : new OperatorEventActivitiesImpl(
                Optional.of(operatorClient(operator)), OPERATOR_EVENTS));
    if (startWorker) {
      temporal.start();
    }
  }

  /** The operator events' client, as pay-api makes it: the URL, their own signer. */
  private static ServiceClient operatorClient(OperatorInbox operator) {
    return client(
        "the operator URL",
        operator.url(),
        new WebhookSigner(List.of(operator.secret()), Clock.systemUTC()).credential());
  }

  private static ServiceClient client(String service, URI url, Credential credential) {
    return new ServiceClient(
        service, url, Duration.ofSeconds(1), Duration.ofSeconds(5), credential);
  }

  public void startWorker() {
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

  /**
   * Starts it with its first workflow task {@code late}, as when the worker was down or busy: the
   * run starts now, its first task comes later.
   */
  public NotifyWorkflow startLate(
      RechargeNotification notification, NotifyPolicy policy, Duration late) {
    NotifyWorkflow workflow =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                NotifyWorkflow.class,
                WorkflowOptions.newBuilder(
                        NotifyWorkflowOptions.of(notification, policy, TASK_QUEUE, now()))
                    .setStartDelay(late)
                    .setDisableEagerExecution(true)
                    .build());
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
        .until(() -> historyOf(txNo).contains(type));
  }

  public List<EventType> historyOf(String txNo) {
    return temporal
        .getWorkflowClient()
        .fetchHistory(NotifyWorkflow.workflowId(txNo))
        .getEvents()
        .stream()
        .map(event -> event.getEventType())
        .toList();
  }

  /** The NotifyStatus search attribute the workflow published, or null. */
  public String notifyStatusOf(String txNo) {
    return temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo))
        .describe()
        .getTypedSearchAttributes()
        .get(NotifySearchAttributes.NOTIFY_STATUS);
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
    if (operator != null) {
      operator.close();
    }
  }

  /** The test server's skipped time, for the activities' records of their attempts. */
  private final class ServerClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now();
    }
  }
}
