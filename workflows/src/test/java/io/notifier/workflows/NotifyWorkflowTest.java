package io.notifier.workflows;

import static io.notifier.workflows.support.NotifyTestEnvironment.NOTIFICATIONS;
import static io.notifier.workflows.support.NotifyTestEnvironment.recharge;
import static io.notifier.workflows.support.NotifyTestEnvironment.resultOf;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.workflows.support.NotifyTestEnvironment;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notification's behaviour over a day of (skipped) time, with the real activities talking HTTP
 * to stubs of account-api and pay-api, under the seed's policy: 1m … 10h within 24h, reconciliation
 * an hour after the window.
 */
class NotifyWorkflowTest {

  private static final NotifyPolicy SEED = NotifyPolicy.seed();
  private static final String CREDITED = "{\"status\":\"SUCCESS\",\"credited\":true}";
  private static final String ALREADY_CREDITED = "{\"status\":\"SUCCESS\",\"credited\":false}";

  private NotifyTestEnvironment env;

  @BeforeEach
  void startEnvironment() {
    env = new NotifyTestEnvironment();
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  @Nested
  class WhileTheReceiverIsDown {

    @Test
    void attemptsLandOnTheEscalatingScheduleUntilTheWindowCloses() {
      env.accountApi.down();
      NotifyWorkflow workflow = env.start(recharge("tx-schedule"), SEED);

      env.skip(ofHours(20));

      assertThat(offsetsFromFirst(env.deliveryAttempts()))
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
      assertThat(workflow.status().status()).isEqualTo(NotifyStatus.RECONCILING);
    }

    @Test
    void statusShowsAttemptsLastErrorAndTheNextAttempt() {
      env.accountApi.down();
      NotifyWorkflow workflow = env.start(recharge("tx-status"), SEED);

      env.skip(ofMinutes(7));

      NotificationStatus status = workflow.status();
      Instant firstAttempt = env.deliveryAttempts().getFirst();
      assertThat(status.status()).isEqualTo(NotifyStatus.NOTIFYING);
      assertThat(status.workflowId()).isEqualTo("notify-tx-status");
      assertThat(status.attempts()).isEqualTo(3);
      assertThat(status.lastError()).startsWith("cannot connect to " + env.accountApi.uri());
      assertThat(status.nextAttemptAt()).isCloseTo(firstAttempt.plus(ofMinutes(16)), within());
      assertThat(status.recentFailures())
          .extracting(NotificationStatus.FailedAttempt::attempt)
          .containsExactly(1, 2, 3);
    }
  }

  @ParameterizedTest(name = "delivered at attempt {0}")
  @ValueSource(ints = {1, 2, 5, 9})
  void successAtAnyAttemptEndsNotifiedAndStopsRetrying(int deliveredAt) {
    AtomicInteger calls = new AtomicInteger();
    env.accountApi.answer(
        NOTIFICATIONS,
        request ->
            calls.incrementAndGet() < deliveredAt
                ? new Answer(503, "{}")
                : new Answer(200, CREDITED));
    NotifyWorkflow workflow = env.start(recharge("tx-ok-" + deliveredAt), SEED);

    NotificationStatus result = resultOf(workflow);
    env.skip(ofHours(24));

    assertThat(result.status()).isEqualTo(NotifyStatus.NOTIFIED);
    assertThat(result.attempts()).isEqualTo(deliveredAt);
    assertThat(env.accountApi.received("POST", NOTIFICATIONS)).hasSize(deliveredAt);
    assertThat(env.payApi.received()).isEmpty();
    assertThat(
            WorkflowStub.fromTyped(workflow)
                .describe()
                .getTypedSearchAttributes()
                .get(NotifySearchAttributes.NOTIFY_STATUS))
        .isEqualTo("NOTIFIED");
  }

  @ParameterizedTest(name = "HTTP {0} is permanent")
  @ValueSource(ints = {400, 401, 404, 409, 422})
  void aPermanentRejectionStopsRetryingAtOnce(int status) {
    env.accountApi.answer(NOTIFICATIONS, status, "{\"title\":\"rejected\"}");
    NotifyWorkflow workflow = env.start(recharge("tx-rejected-" + status), SEED);

    NotificationStatus result = resultOf(workflow);

    assertThat(result.status()).isEqualTo(NotifyStatus.FAILED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.lastError()).startsWith("HTTP " + status + " from ");
    assertThat(env.accountApi.received("POST", NOTIFICATIONS)).hasSize(1);
    assertThat(env.payApi.received()).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0} is retried")
  @ValueSource(ints = {408, 429, 500, 502, 503})
  void aTransientAnswerIsRetriedOnTheSchedule(int status) {
    AtomicInteger calls = new AtomicInteger();
    env.accountApi.answer(
        NOTIFICATIONS,
        request ->
            calls.incrementAndGet() == 1 ? new Answer(status, "{}") : new Answer(200, CREDITED));
    NotifyWorkflow workflow = env.start(recharge("tx-transient-" + status), SEED);

    NotificationStatus result = resultOf(workflow);

    assertThat(result.status()).isEqualTo(NotifyStatus.NOTIFIED);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(offsetsFromFirst(env.deliveryAttempts()))
        .containsExactly(Duration.ZERO, ofMinutes(1));
  }

  @Nested
  class Reconciliation {

    private static final String TX = "tx-reconcile";

    @BeforeEach
    void payApiKnowsTheRecharge() {
      env.payApi.answer("/api/recharges/" + TX, 200, rechargeJson(TX, "success"));
    }

    @Test
    void whenTheWindowClosesTheTimerStartsReconciliationWhichSettlesTheAccount() {
      env.accountApi.answer(NOTIFICATIONS, 503, "{}");
      NotifyWorkflow workflow = env.start(recharge(TX), SEED);

      env.skip(ofHours(20));
      NotificationStatus waiting = workflow.status();
      env.accountApi.answer(NOTIFICATIONS, 200, CREDITED);
      NotificationStatus result = resultOf(workflow);

      assertThat(waiting.status()).isEqualTo(NotifyStatus.RECONCILING);
      assertThat(waiting.nextAttemptAt()).isEqualTo(waiting.windowClosesAt().plus(ofHours(1)));
      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.payResult()).isEqualTo("success");
      assertThat(result.finishedAt()).isCloseTo(waiting.nextAttemptAt(), within());
      assertThat(env.payApi.received("GET", "/api/recharges/" + TX)).hasSize(1);
      assertThat(env.accountApi.received("POST", NOTIFICATIONS).getLast().body())
          .contains("\"txNo\":\"" + TX + "\"", "\"amount\":\"100.00\"", "\"result\":\"success\"");
    }

    @Test
    void aReconcileSignalWhileNotifyingReconcilesAtOnceAndStopsDelivering() {
      env.accountApi.answer(NOTIFICATIONS, 503, "{}");
      NotifyWorkflow workflow = env.start(recharge(TX), SEED);
      env.skip(ofMinutes(7));
      Instant signalledAt = env.now();

      env.accountApi.answer(NOTIFICATIONS, 200, CREDITED);
      workflow.reconcile();
      NotificationStatus result = resultOf(workflow);
      env.skip(ofHours(24));

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.finishedAt()).isCloseTo(signalledAt, within());
      assertThat(env.deliveryAttempts()).hasSize(3);
      assertThat(env.accountApi.received("POST", NOTIFICATIONS)).hasSize(3 + 1);
    }

    @Test
    void aReconcileSignalWhileWaitingForTheTimerReconcilesBeforeIt() {
      env.accountApi.down();
      NotifyWorkflow workflow = env.start(recharge(TX), SEED);
      env.skip(ofHours(20));
      Instant signalledAt = env.now();

      env.accountApi.up();
      env.accountApi.answer(NOTIFICATIONS, 200, CREDITED);
      workflow.reconcile();
      NotificationStatus result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.finishedAt()).isCloseTo(signalledAt, within());
    }

    @Test
    void anAccountCreditedByALateDeliveryIsReconciledWithoutASecondCredit() {
      env.accountApi.answer(NOTIFICATIONS, 503, "{}");
      NotifyWorkflow workflow = env.start(recharge(TX), SEED);
      env.skip(ofMinutes(2));

      env.accountApi.answer(NOTIFICATIONS, 200, ALREADY_CREDITED);
      workflow.reconcile();
      NotificationStatus result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
    }
  }

  @ParameterizedTest(name = "pay-api answers {0}")
  @ValueSource(strings = {"fail", "unknown"})
  void reconciliationDoesNotCreditWhenPayApiReportsNoSuccess(String payResult) {
    String tx = "tx-unpaid-" + payResult;
    if (payResult.equals("fail")) {
      env.payApi.answer("/api/recharges/" + tx, 200, rechargeJson(tx, "fail"));
    } else {
      env.payApi.answer("/api/recharges/" + tx, 404, "{\"title\":\"Not Found\"}");
    }
    env.accountApi.answer(NOTIFICATIONS, 503, "{}");
    NotifyWorkflow workflow = env.start(recharge(tx), SEED);
    env.skip(ofMinutes(2));

    workflow.reconcile();
    NotificationStatus result = resultOf(workflow);

    assertThat(result.status()).isEqualTo(NotifyStatus.FAILED);
    assertThat(result.payResult()).isEqualTo(payResult);
    assertThat(result.lastError()).contains("nothing to settle");
    assertThat(env.accountApi.received("POST", NOTIFICATIONS))
        .hasSize(env.deliveryAttempts().size());
  }

  private static String rechargeJson(String txNo, String result) {
    return """
        {"txNo":"%s","accountNo":"1","amount":"100.00","result":"%s","createdAt":"2026-11-23T10:00:00Z"}"""
        .formatted(txNo, result);
  }

  /** Offsets from the first instant, to the second: an attempt itself takes some milliseconds. */
  private static List<Duration> offsetsFromFirst(List<Instant> instants) {
    Instant first = instants.getFirst();
    return instants.stream()
        .map(at -> Duration.ofSeconds(Duration.between(first, at).toSeconds()))
        .toList();
  }

  private static org.assertj.core.data.TemporalUnitOffset within() {
    return new org.assertj.core.data.TemporalUnitWithinOffset(
        2, java.time.temporal.ChronoUnit.SECONDS);
  }
}
