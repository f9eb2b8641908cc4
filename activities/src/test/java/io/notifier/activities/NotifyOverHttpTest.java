package io.notifier.activities;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.activities.delivery.DeliveryActivitiesImpl;
import io.notifier.activities.delivery.DeliveryProgressImpl;
import io.notifier.activities.http.JsonHttp;
import io.notifier.activities.reconciliation.ReconciliationActivitiesImpl;
import io.notifier.testing.StubHttpServer;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifySearchAttributes;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.NotifyWorkflowImpl;
import io.notifier.workflows.NotifyWorkflowOptions;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.RetrySchedule;
import io.notifier.workflows.delivery.FailedAttempt;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow with the real activities, talking HTTP to a stub of account-api, over a day of
 * skipped time: the schedule is kept to the second by what the activities answer Temporal, and
 * reconciliation goes through account-api's endpoint.
 */
class NotifyOverHttpTest {

  private static final String TASK_QUEUE = "notify-over-http";
  private static final String NOTIFICATIONS = "/api/notifications";
  private static final NotifyPolicy SEED =
      new NotifyPolicy(
          new RetrySchedule(
              List.of(
                  ofMinutes(1),
                  ofMinutes(5),
                  ofMinutes(10),
                  ofMinutes(30),
                  ofHours(1),
                  ofHours(2),
                  ofHours(5),
                  ofHours(10))),
          ofHours(24),
          ofHours(1),
          ofSeconds(30),
          Duration.ofDays(7));

  private final StubHttpServer accountApi = StubHttpServer.start();
  private final List<Instant> attempts = new CopyOnWriteArrayList<>();
  private final TestWorkflowEnvironment temporal;

  NotifyOverHttpTest() {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    NotifySearchAttributes.ALL.forEach(
        key ->
            options.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    temporal = TestWorkflowEnvironment.newInstance(options.build());
    Worker worker = temporal.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(NotifyWorkflowImpl.class);
    JsonHttp http =
        new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), TestSigning.signer());
    Clock serverTime = new ServerClock();
    worker.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(http, accountApi.uri().resolve(NOTIFICATIONS), serverTime),
        new DeliveryProgressImpl(temporal.getWorkflowClient()),
        new ReconciliationActivitiesImpl(http, accountApi.uri()));
    temporal.start();
  }

  @AfterEach
  void close() {
    temporal.close();
    accountApi.close();
  }

  @Test
  void whileTheReceiverIsDownAttemptsLandOnTheScheduleAndTheirFailuresAreKept() {
    accountApi.answer(NOTIFICATIONS, this::unavailable);
    NotifyWorkflow workflow = start("tx-schedule");

    temporal.sleep(ofHours(20));
    NotificationState waiting = workflow.status();

    assertThat(offsetsFromFirst(attempts))
        .containsExactly(
            Duration.ZERO,
            ofMinutes(1),
            ofMinutes(6),
            ofMinutes(16),
            ofMinutes(46),
            ofMinutes(106),
            ofMinutes(226),
            ofMinutes(526),
            ofMinutes(1126));
    assertThat(waiting.status()).isEqualTo(NotifyStatus.RECONCILING);
    assertThat(waiting.attempts()).isEqualTo(9);
    assertThat(waiting.recentFailures())
        .extracting(FailedAttempt::attempt)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(offsetsFromFirst(waiting.recentFailures().stream().map(FailedAttempt::at).toList()))
        .isEqualTo(offsetsFromFirst(attempts));
  }

  @Test
  void aNotificationDeliveredAtOnceTakesSixEventsAndAtTheNinthAttemptAsManyAsAtTheSecond() {
    accountApi.answer(NOTIFICATIONS, request -> new Answer(200, credited()));
    resultOf(start("tx-first"));
    NotificationState second = resultOf(startFailing("tx-second", 1));
    NotificationState ninth = resultOf(startFailing("tx-ninth", 8));

    assertThat(historyLength("tx-first")).isEqualTo(6);
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(ninth.attempts()).isEqualTo(9);
    assertThat(historyLength("tx-ninth")).isEqualTo(historyLength("tx-second"));
  }

  /** Starts a notification that the receiver refuses {@code failures} times, then takes. */
  private NotifyWorkflow startFailing(String txNo, int failures) {
    AtomicInteger calls = new AtomicInteger();
    accountApi.answer(
        NOTIFICATIONS,
        request ->
            calls.incrementAndGet() <= failures
                ? unavailable(request)
                : new Answer(200, credited()));
    return start(txNo);
  }

  @Test
  void aReconcileSignalKeepsTheFailedAttemptsAndAccountApiReconciles() {
    accountApi.answer(NOTIFICATIONS, this::unavailable);
    accountApi.answer(
        "/api/reconciliations/tx-signal",
        200,
        "{\"txNo\":\"tx-signal\",\"payResult\":\"success\",\"settled\":true,\"alreadySettled\":false}");
    NotifyWorkflow workflow = start("tx-signal");
    temporal.sleep(ofMinutes(7));

    workflow.reconcile();
    NotificationState result = resultOf(workflow);

    assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(result.recentFailures()).hasSize(3);
    assertThat(result.lastError()).startsWith("HTTP 503 from " + accountApi.uri());
    assertThat(accountApi.received("POST", "/api/reconciliations/tx-signal")).hasSize(1);
  }

  private NotifyWorkflow start(String txNo) {
    RechargeNotification notification =
        new RechargeNotification(txNo, "1", new BigDecimal("100.00"), RechargeNotification.SUCCESS);
    NotifyWorkflow workflow =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                NotifyWorkflow.class,
                NotifyWorkflowOptions.of(notification, SEED, TASK_QUEUE, now()));
    WorkflowClient.start(workflow::notifyRecharge, new NotifyRequest(notification, SEED));
    return workflow;
  }

  private Answer unavailable(StubHttpServer.Received request) {
    attempts.add(now());
    return new Answer(503, "{\"title\":\"Service Unavailable\"}");
  }

  private static String credited() {
    return "{\"status\":\"SUCCESS\",\"credited\":true}";
  }

  private static NotificationState resultOf(NotifyWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(NotificationState.class);
  }

  private int historyLength(String txNo) {
    return temporal
        .getWorkflowClient()
        .fetchHistory(NotifyWorkflow.workflowId(txNo))
        .getEvents()
        .size();
  }

  private Instant now() {
    return Instant.ofEpochMilli(temporal.currentTimeMillis());
  }

  /** Offsets from the first instant, to the second: an attempt itself takes some milliseconds. */
  private static List<Duration> offsetsFromFirst(List<Instant> instants) {
    Instant first = instants.getFirst();
    return instants.stream()
        .map(at -> Duration.ofSeconds(Duration.between(first, at).toSeconds()))
        .toList();
  }

  /** The test server's skipped time, for the activities' records of when an attempt failed. */
  private final class ServerClock extends Clock {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now();
    }
  }
}
