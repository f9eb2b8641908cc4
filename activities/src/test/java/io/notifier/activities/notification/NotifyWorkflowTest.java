package io.notifier.activities.notification;

import static io.notifier.activities.NotifyTestEnvironment.recharge;
import static io.notifier.activities.NotifyTestEnvironment.resultOf;
import static io.notifier.testing.AccountApiStub.acknowledged;
import static io.notifier.testing.AccountApiStub.gatewayPage;
import static io.notifier.testing.AccountApiStub.reconciled;
import static io.notifier.testing.AccountApiStub.settledDifferently;
import static io.notifier.testing.AccountApiStub.unavailable;
import static io.notifier.testing.AccountApiStub.unknownAccount;
import static io.notifier.testing.AccountApiStub.unknownTxNo;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.activities.NotifyTestEnvironment;
import io.notifier.activities.SeedPolicy;
import io.notifier.testing.AccountApiStub;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.testing.StubHttpServer.Received;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.RetrySchedule;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.outcome.NotificationOutcome;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.assertj.core.data.TemporalUnitWithinOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every branch of a notification over days of (skipped) time, with the real activities talking HTTP
 * to a stand-in of account-api, under the seed's policy: attempts 1m … 10h apart within 24h,
 * reconciliation an hour after the window, a week's limit; and what pay-api's account_pay gets.
 */
class NotifyWorkflowTest {

  private static final NotifyPolicy SEED = SeedPolicy.POLICY;
  private static final Function<Received, Answer> TAKE = AccountApiStub::acknowledged;
  private static final Function<Received, Answer> FAIL = request -> unavailable();

  private NotifyTestEnvironment env = new NotifyTestEnvironment();
  private final List<Instant> attempts = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    env.close();
  }

  /** The receiver answers each attempt (from 1) as {@code answer} says, and the times are kept. */
  private void receiverByAttempt(IntFunction<Function<Received, Answer>> answer) {
    env.accountApi.notifications(
        request -> {
          attempts.add(env.now());
          return answer.apply(attempts.size()).apply(request);
        });
  }

  private void receiver(Function<Received, Answer> answer) {
    receiverByAttempt(attempt -> answer);
  }

  @Nested
  class Delivery {

    @Test
    void whileTheReceiverFailsAttemptsLandOnTheEscalatingScheduleUntilTheWindowCloses() {
      receiver(FAIL);
      NotifyWorkflow workflow = env.start(recharge("tx-schedule"), SEED);

      env.skip(ofHours(20));

      assertThat(offsetsFromFirst(attempts)).containsExactlyElementsOf(SEED_OFFSETS);
      assertThat(workflow.status().status()).isEqualTo(NotifyStatus.RECONCILING);
    }

    @Test
    void attemptsThatTakeASecondToFailStillLandOnTheScheduleFromStartToStart() {
      receiverByAttempt(
          attempt ->
              request -> {
                // A slow receiver: a second (real, hence the server's too) before its 503.
                slowly(Duration.ofSeconds(1));
                return unavailable();
              });
      env.start(recharge("tx-slow"), SEED);

      env.skip(ofHours(20));

      assertThat(offsetsFromFirst(attempts)).containsExactlyElementsOf(SEED_OFFSETS);
    }

    @ParameterizedTest(name = "delivered at attempt {0}")
    @ValueSource(ints = {1, 2, 5, 9})
    void successAtAnyAttemptEndsNotifiedRecordsItAndStopsRetrying(int deliveredAt) {
      receiverByAttempt(attempt -> attempt < deliveredAt ? FAIL : TAKE);
      NotifyWorkflow workflow = env.start(recharge("tx-ok"), SEED);

      NotificationState result = resultOf(workflow);
      env.skip(ofHours(24));

      assertThat(result.status()).isEqualTo(NotifyStatus.NOTIFIED);
      assertThat(result.attempts()).isEqualTo(deliveredAt);
      assertThat(attempts).hasSize(deliveredAt);
      assertThat(env.accountApi.reconciliationsReceived("tx-ok")).isEmpty();
      assertThat(env.outcomes.of("tx-ok"))
          .singleElement()
          .satisfies(
              outcome -> {
                assertThat(outcome.status()).isEqualTo(NotifyStatus.NOTIFIED);
                assertThat(outcome.attempts()).isEqualTo(deliveredAt);
                assertThat(outcome.finishedAt()).isEqualTo(result.finishedAt());
              });
      // Delivered at once, a notification never needed watching: it has no NotifyStatus.
      assertThat(env.notifyStatusOf("tx-ok")).isEqualTo(deliveredAt == 1 ? null : "NOTIFIED");
    }

    @Test
    void aNotificationDeliveredAtOnceCompletesInTheTaskThatStartedItInSevenEvents() {
      receiver(TAKE);

      resultOf(env.start(recharge("tx-at-once"), SEED));

      assertThat(env.historyOf("tx-at-once"))
          .containsExactlyElementsOf(NotifyTestEnvironment.DELIVERED_AT_ONCE);
    }

    @Test
    void failedAttemptsAfterTheFirstAddNothingToTheHistory() {
      receiverByAttempt(attempt -> attempt < 2 ? FAIL : TAKE);
      resultOf(env.start(recharge("tx-at-two"), SEED));
      attempts.clear();
      receiverByAttempt(attempt -> attempt < 9 ? FAIL : TAKE);
      resultOf(env.start(recharge("tx-at-nine"), SEED));

      assertThat(env.historyOf("tx-at-nine")).isEqualTo(env.historyOf("tx-at-two"));
    }

    @Test
    void aReceiverThatNeverAnswersHoldsTheFirstTaskOnlyForTheFirstAttemptsBudget() {
      CountDownLatch never = new CountDownLatch(1);
      receiverByAttempt(
          attempt ->
              attempt == 1
                  ? request -> {
                    await(never);
                    return TAKE.apply(request);
                  }
                  : TAKE);
      long before = System.nanoTime();

      NotificationState result = resultOf(env.start(recharge("tx-hangs"), SEED));

      assertThat(result.status()).isEqualTo(NotifyStatus.NOTIFIED);
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.recentFailures().getFirst().error())
          .isEqualTo("no answer from account-api within 1750ms");
      assertThat(Duration.ofNanos(System.nanoTime() - before))
          .as("real time the first workflow task was held")
          .isLessThan(ofSeconds(10));
      never.countDown();
    }

    @Test
    void aRejectionStopsRetryingAtOnceAndReconcilesWithThePaySystemAtOnce() {
      receiverByAttempt(attempt -> attempt < 3 ? FAIL : request -> unknownAccount());
      env.accountApi.reconciliation(
          "tx-rejected", request -> reconciled("tx-rejected", "success", true, false));
      NotifyWorkflow workflow = env.start(recharge("tx-rejected"), SEED);

      NotificationState result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.attempts()).isEqualTo(3);
      assertThat(result.lastError()).isEqualTo("account-api answered HTTP 422");
      assertThat(result.recentFailures())
          .extracting(FailedAttempt::attempt)
          .containsExactly(1, 2, 3);
      assertThat(env.accountApi.reconciliationsReceived("tx-rejected")).hasSize(1);
    }

    @Test
    void aGatewaysNotFoundIsRetriedNotTakenForARejection() {
      receiverByAttempt(attempt -> attempt < 3 ? request -> gatewayPage(404) : TAKE);

      NotificationState result = resultOf(env.start(recharge("tx-gateway-404"), SEED));

      assertThat(result.status()).isEqualTo(NotifyStatus.NOTIFIED);
      assertThat(result.attempts()).isEqualTo(3);
      assertThat(result.recentFailures().getFirst().error())
          .isEqualTo("account-api answered HTTP 404");
    }

    @Test
    void aTwoHundredThatIsNotTheAcknowledgementIsRetried() {
      receiverByAttempt(attempt -> attempt < 2 ? request -> gatewayPage(200) : TAKE);

      NotificationState result = resultOf(env.start(recharge("tx-gateway-200"), SEED));

      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.recentFailures().getFirst().error())
          .isEqualTo("account-api answered HTTP 200 without the documented acknowledgement");
    }

    @Test
    void errorsForAnyoneNameNoAddressTheDetailDoes() {
      env.accountApi.down();
      NotifyWorkflow workflow = env.start(recharge("tx-down"), SEED);
      env.skip(ofMinutes(2));

      NotificationState retrying = workflow.status();
      env.accountApi.up();
      receiver(TAKE);

      FailedAttempt first = retrying.recentFailures().getFirst();
      assertThat(first.error()).isEqualTo("could not connect to account-api");
      assertThat(first.detail()).contains(env.accountApi.baseUrl() + "/api/notifications");
      assertThat(resultOf(workflow).status()).isEqualTo(NotifyStatus.NOTIFIED);
    }
  }

  @Nested
  class TheWindow {

    @Test
    void closesTheWindowAfterTheStartHoweverLateTheFirstTaskRan() {
      receiver(FAIL);
      // An hour's window, an attempt every 20 minutes, and the first task half an hour late.
      NotifyPolicy hour =
          new NotifyPolicy(
              new RetrySchedule(List.of(ofMinutes(20))),
              ofHours(1),
              ofHours(1),
              ofSeconds(30),
              Duration.ofDays(7),
              ofSeconds(2));
      Instant started = env.now();
      NotifyWorkflow workflow = env.startLate(recharge("tx-late"), hour, ofMinutes(30));

      env.skip(ofHours(2));
      NotificationState reconciling = workflow.status();

      assertThat(reconciling.windowClosesAt()).isCloseTo(started.plus(ofHours(1)), within());
      assertThat(offsetsFromFirst(attempts))
          .as("attempts at 0:30 and 0:50; none at 1:10, after the window from the start")
          .containsExactly(Duration.ZERO, ofMinutes(20));
    }

    @Test
    void theWorkflowLearnsEveryFailedAttemptAndWaitsForTheReconciliationTimer() {
      receiver(FAIL);
      NotifyWorkflow workflow = env.start(recharge("tx-window"), SEED);
      Instant started = env.now();

      env.skip(ofHours(20));
      NotificationState waiting = workflow.status();

      assertThat(waiting.status()).isEqualTo(NotifyStatus.RECONCILING);
      assertThat(waiting.attempts()).isEqualTo(9);
      assertThat(waiting.lastError()).isEqualTo("account-api answered HTTP 503");
      assertThat(waiting.recentFailures()).hasSize(9);
      assertThat(waiting.windowClosesAt()).isCloseTo(started.plus(ofHours(24)), within());
      assertThat(waiting.nextAttemptAt()).isEqualTo(waiting.windowClosesAt().plus(ofHours(1)));
      assertThat(env.accountApi.reconciliationsReceived("tx-window")).isEmpty();
      assertThat(env.notifyStatusOf("tx-window")).isEqualTo("RECONCILING");
    }

    @Test
    void theTimerStartsReconciliationWhichSettlesTheAccount() {
      receiver(FAIL);
      env.accountApi.reconciliation(
          "tx-timer", request -> reconciled("tx-timer", "success", true, false));
      NotifyWorkflow workflow = env.start(recharge("tx-timer"), SEED);
      env.skip(ofHours(20));
      Instant reconcileAt = workflow.status().nextAttemptAt();

      NotificationState result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.payResult()).isEqualTo("success");
      assertThat(result.attempts()).isEqualTo(9);
      assertThat(result.finishedAt()).isCloseTo(reconcileAt, within());
      assertThat(env.outcomes.last("tx-timer").orElseThrow().status())
          .isEqualTo(NotifyStatus.RECONCILED);
    }

    @Test
    void aReconcileSignalWhileTheTimerWaitsReconcilesBeforeIt() {
      receiver(FAIL);
      env.accountApi.reconciliation(
          "tx-early", request -> reconciled("tx-early", "success", false, true));
      NotifyWorkflow workflow = env.start(recharge("tx-early"), SEED);
      env.skip(ofHours(20));
      Instant signalledAt = env.now();

      workflow.reconcile();
      NotificationState result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.finishedAt()).isCloseTo(signalledAt, within());
    }
  }

  @Nested
  class AReconcileSignalWhileNotifying {

    @Test
    void cancelsTheWaitingAttemptReconcilesAtOnceAndKeepsTheAttemptsMade() {
      receiver(FAIL);
      env.accountApi.reconciliation(
          "tx-signal", request -> reconciled("tx-signal", "success", true, false));
      NotifyWorkflow workflow = env.start(recharge("tx-signal"), SEED);
      env.skip(ofMinutes(7));
      Instant signalledAt = env.now();

      workflow.reconcile();
      NotificationState result = resultOf(workflow);
      env.skip(ofHours(24));

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.finishedAt()).isCloseTo(signalledAt, within());
      assertThat(result.attempts()).isEqualTo(3);
      assertThat(result.lastError()).isEqualTo("account-api answered HTTP 503");
      assertThat(attempts).hasSize(3);
      assertThat(env.accountApi.reconciliationsReceived("tx-signal")).hasSize(1);
    }

    @Test
    void whileAnAttemptIsInFlightThatGetsThroughEndsNotified() {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      receiverByAttempt(
          attempt ->
              attempt < 2
                  ? FAIL
                  : request -> {
                    holding.countDown();
                    await(release);
                    return acknowledged(request);
                  });
      NotifyWorkflow workflow = env.start(recharge("tx-in-flight"), SEED);
      env.skip(ofMinutes(1));
      await(holding);

      workflow.reconcile();
      env.awaitEvent("tx-in-flight", EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
      release.countDown();
      NotificationState result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.NOTIFIED);
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(env.accountApi.reconciliationsReceived("tx-in-flight")).isEmpty();
    }
  }

  @Nested
  class Reconciliation {

    @Test
    void anAccountCreditedByALateDeliveryIsReconciledWithoutASecondCredit() {
      NotificationState result =
          reconciledAfterTwoMinutes(
              "tx-late", request -> reconciled("tx-late", "success", false, true));

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
    }

    @Test
    void aPaymentThatPayApiReportsAsFailedIsReconciledWithNothingOwed() {
      NotificationState result =
          reconciledAfterTwoMinutes(
              "tx-unpaid", request -> reconciled("tx-unpaid", "fail", false, false));

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(result.payResult()).isEqualTo("fail");
      assertThat(result.reason()).contains("nothing is owed");
    }

    @Test
    void aGatewaysNotFoundDuringADeployIsRetriedUntilAccountApiAnswers() {
      receiver(FAIL);
      List<Function<Received, Answer>> route =
          List.of(
              request -> gatewayPage(404),
              request -> gatewayPage(404),
              request -> reconciled("tx-deploy", "success", true, false));
      env.accountApi.reconciliation(
          "tx-deploy",
          request ->
              route
                  .get(Math.min(env.accountApi.reconciliationsReceived("tx-deploy").size(), 3) - 1)
                  .apply(request));
      NotifyWorkflow workflow = env.start(recharge("tx-deploy"), SEED);
      env.skip(ofMinutes(2));

      workflow.reconcile();
      NotificationState result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(env.accountApi.reconciliationsReceived("tx-deploy")).hasSize(3);
    }

    @Test
    void aPayResultOtherThanSuccessOrFailIsRetriedNotTakenForNothingOwed() {
      receiver(FAIL);
      env.accountApi.reconciliation(
          "tx-odd",
          request ->
              env.accountApi.reconciliationsReceived("tx-odd").size() < 2
                  ? reconciled("tx-odd", "pending", false, false)
                  : reconciled("tx-odd", "success", true, false));
      NotifyWorkflow workflow = env.start(recharge("tx-odd"), SEED);
      env.skip(ofMinutes(2));

      workflow.reconcile();
      NotificationState result = resultOf(workflow);

      assertThat(result.payResult()).isEqualTo("success");
      assertThat(env.accountApi.reconciliationsReceived("tx-odd")).hasSize(2);
    }

    @Test
    void reconciliationAsksWithPayApisKeyAndNoSignature() {
      reconciledAfterTwoMinutes("tx-key", request -> reconciled("tx-key", "success", true, false));

      Received asked = env.accountApi.reconciliationsReceived("tx-key").getFirst();
      assertThat(asked.header("Authorization"))
          .isEqualTo("Bearer " + NotifyTestEnvironment.PAY_API_KEY);
      assertThat(asked.header("webhook-signature")).isNull();
    }

    private NotificationState reconciledAfterTwoMinutes(
        String txNo, Function<Received, Answer> accountApiFinds) {
      receiver(FAIL);
      env.accountApi.reconciliation(txNo, accountApiFinds);
      NotifyWorkflow workflow = env.start(recharge(txNo), SEED);
      env.skip(ofMinutes(2));
      workflow.reconcile();
      return resultOf(workflow);
    }
  }

  @Nested
  class WhatReconciliationCannotSettleNeedsAttention {

    @Test
    void payApiNotKnowingTheTxNoWaitsForAnOperatorInsteadOfEnding() {
      NotifyWorkflow workflow = needingAttention("tx-unknown", request -> unknownTxNo());

      NotificationState waiting = workflow.status();

      assertThat(waiting.status()).isEqualTo(NotifyStatus.NEEDS_ATTENTION);
      assertThat(waiting.reason())
          .isEqualTo("pay-api's query interface knows no recharge tx-unknown: nothing was settled");
      assertThat(env.notifyStatusOf("tx-unknown")).isEqualTo("NEEDS_ATTENTION");
      assertThat(env.outcomes.of("tx-unknown")).isEmpty();
      assertStillRunning("tx-unknown");
    }

    @Test
    void accountApiRefusingTheReconciliationWaitsForAnOperator() {
      NotifyWorkflow workflow = needingAttention("tx-refused", request -> settledDifferently());

      assertThat(workflow.status().reason())
          .isEqualTo("account-api refused the reconciliation: account-api answered HTTP 409");
    }

    @Test
    void aReconciliationThatKeepsFailingGivesUpAfterThePolicysLimitAndWaitsForAnOperator() {
      receiver(FAIL);
      env.accountApi.reconciliation("tx-gives-up", request -> gatewayPage(502));
      Instant started = env.now();
      NotifyWorkflow workflow = env.start(recharge("tx-gives-up"), SEED);

      env.skip(ofHours(25).plus(Duration.ofDays(7)));
      NotificationState waiting = workflow.status();

      assertThat(waiting.status()).isEqualTo(NotifyStatus.NEEDS_ATTENTION);
      assertThat(waiting.reason())
          .isEqualTo("reconciliation gave up after 7d: account-api answered HTTP 502");
      assertThat(env.now()).isAfter(started.plus(ofHours(25)).plus(Duration.ofDays(7)));
      assertStillRunning("tx-gives-up");
    }

    @Test
    void retryDeliversAgainWithinANewWindow() {
      NotifyWorkflow workflow = needingAttention("tx-retry", request -> unknownTxNo());
      receiver(TAKE);
      Instant retriedAt = env.now();

      workflow.retry();
      NotificationState result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.NOTIFIED);
      assertThat(result.attempts()).isEqualTo(3);
      assertThat(result.windowClosesAt()).isCloseTo(retriedAt.plus(ofHours(24)), within());
      assertThat(env.outcomes.of("tx-retry"))
          .singleElement()
          .extracting(NotificationOutcome::status)
          .isEqualTo(NotifyStatus.NOTIFIED);
    }

    @Test
    void reconcileReconcilesAgain() {
      NotifyWorkflow workflow = needingAttention("tx-again", request -> unknownTxNo());
      env.accountApi.reconciliation(
          "tx-again", request -> reconciled("tx-again", "success", true, false));

      workflow.reconcile();

      assertThat(resultOf(workflow).status()).isEqualTo(NotifyStatus.RECONCILED);
      assertThat(env.accountApi.reconciliationsReceived("tx-again")).hasSize(2);
    }

    @Test
    void closeWithAReasonEndsItClosedAndRecordsTheReason() {
      NotifyWorkflow workflow = needingAttention("tx-close", request -> unknownTxNo());

      workflow.close("refunded by hand, ticket 7");
      NotificationState result = resultOf(workflow);

      assertThat(result.status()).isEqualTo(NotifyStatus.CLOSED);
      assertThat(result.reason()).isEqualTo("refunded by hand, ticket 7");
      assertThat(env.outcomes.of("tx-close"))
          .singleElement()
          .satisfies(
              outcome -> {
                assertThat(outcome.status()).isEqualTo(NotifyStatus.CLOSED);
                assertThat(outcome.reason()).isEqualTo("refunded by hand, ticket 7");
              });
    }

    @Test
    void aCloseWithoutAReasonAndARetryOutsideItAreIgnored() {
      receiver(FAIL);
      NotifyWorkflow workflow = env.start(recharge("tx-ignored"), SEED);
      env.skip(ofMinutes(2));

      workflow.close("  ");
      workflow.retry();
      env.skip(ofMinutes(5));

      assertThat(workflow.status().status()).isEqualTo(NotifyStatus.NOTIFYING);
      assertStillRunning("tx-ignored");
    }

    @Test
    void closeWhileNotifyingStopsDeliveringAndEndsClosed() {
      receiver(FAIL);
      NotifyWorkflow workflow = env.start(recharge("tx-close-early"), SEED);
      env.skip(ofMinutes(7));

      workflow.close("paid back at the counter");
      NotificationState result = resultOf(workflow);
      env.skip(ofHours(24));

      assertThat(result.status()).isEqualTo(NotifyStatus.CLOSED);
      assertThat(attempts).hasSize(3);
      assertThat(env.accountApi.reconciliationsReceived("tx-close-early")).isEmpty();
    }

    /** A rejected notification whose reconciliation answers {@code found}: NEEDS_ATTENTION. */
    private NotifyWorkflow needingAttention(String txNo, Function<Received, Answer> found) {
      receiverByAttempt(attempt -> attempt < 2 ? FAIL : request -> unknownAccount());
      env.accountApi.reconciliation(txNo, found);
      NotifyWorkflow workflow = env.start(recharge(txNo), SEED);
      env.skip(ofMinutes(2));
      assertThat(workflow.status().status()).isEqualTo(NotifyStatus.NEEDS_ATTENTION);
      return workflow;
    }

    private void assertStillRunning(String txNo) {
      assertThat(
              WorkflowStub.fromTyped(
                      env.temporal
                          .getWorkflowClient()
                          .newWorkflowStub(NotifyWorkflow.class, NotifyWorkflow.workflowId(txNo)))
                  .describe()
                  .getStatus()
                  .name())
          .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    }
  }

  /** The seed's schedule: t+0, 1m, 6m, 16m, 46m, 1h46m, 3h46m, 8h46m, 18h46m. */
  private static final List<Duration> SEED_OFFSETS =
      List.of(
          Duration.ZERO,
          ofMinutes(1),
          ofMinutes(6),
          ofMinutes(16),
          ofMinutes(46),
          ofMinutes(106),
          ofMinutes(226),
          ofMinutes(526),
          ofMinutes(1126));

  /**
   * Offsets from the first instant, to the nearest second: an attempt itself takes some
   * milliseconds.
   */
  private static List<Duration> offsetsFromFirst(List<Instant> instants) {
    Instant first = instants.getFirst();
    return instants.stream()
        .map(at -> Duration.ofSeconds(Math.round(Duration.between(first, at).toMillis() / 1000.0)))
        .toList();
  }

  /** What a slow receiver does before it answers. */
  private static void slowly(Duration latency) {
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static TemporalUnitWithinOffset within() {
    return new TemporalUnitWithinOffset(2, ChronoUnit.SECONDS);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
