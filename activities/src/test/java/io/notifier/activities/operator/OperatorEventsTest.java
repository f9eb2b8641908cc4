package io.notifier.activities.operator;

import static io.notifier.activities.NotifyTestEnvironment.recharge;
import static io.notifier.activities.NotifyTestEnvironment.resultOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.notifier.activities.NotifyTestEnvironment;
import io.notifier.activities.SeedPolicy;
import io.notifier.activities.TestSigning;
import io.notifier.testing.AccountApiStub;
import io.notifier.testing.OperatorInbox;
import io.notifier.testing.OperatorInbox.Event;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.testing.StubHttpServer.Received;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.operator.OperatorEventType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator hears of without asking, over days of skipped time: a notification that needs
 * attention, a reconciliation that credited an account, a receiver that answers again; each a
 * Standard Webhooks message signed with the operator events' own secret, sent by a workflow of its
 * own that no notification waits for.
 */
class OperatorEventsTest {

  private static final Function<Received, Answer> TAKE = AccountApiStub::acknowledged;
  private static final Function<Received, Answer> FAIL = request -> AccountApiStub.unavailable();

  private final NotifyTestEnvironment env = NotifyTestEnvironment.withOperatorEvents();
  private final OperatorInbox operator = env.operator;

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aNotificationThatNeedsAttentionIsToldToTheOperatorSignedWithItsOwnSecret() {
    String txNo = "tx-attention";
    NotifyWorkflow workflow = needingAttention(txNo);

    Event event = awaitEvent("notification.needs_attention");

    assertThat(event.id()).isEqualTo("operator-event:notification.needs_attention:" + txNo + ":1");
    assertThat(event.data().path("txNo").asString()).isEqualTo(txNo);
    assertThat(event.data().path("workflowId").asString()).isEqualTo("notify-" + txNo);
    assertThat(event.data().path("accountNo").asString()).isEqualTo("1");
    assertThat(event.data().path("amount").asString()).isEqualTo("100.00");
    assertThat(event.data().path("status").asString()).isEqualTo("NEEDS_ATTENTION");
    assertThat(event.data().path("attempts").asInt()).isEqualTo(2);
    assertThat(event.data().path("reason").asString()).contains("knows no recharge " + txNo);
    assertThat(event.body().path("timestamp").asString()).isNotEmpty();
    assertThat(operator.refused()).isEmpty();
    // The notifications' secret does not make an operator event, nor the other way round.
    Received sent = operator.received().getFirst();
    assertThatThrownBy(
            () ->
                new Webhook(TestSigning.SECRET)
                    .verify(
                        sent.body(),
                        Map.of(
                            "webhook-id", List.of(sent.header("webhook-id")),
                            "webhook-timestamp", List.of(sent.header("webhook-timestamp")),
                            "webhook-signature", List.of(sent.header("webhook-signature")))))
        .hasMessageContaining("signature");
    assertThat(WorkflowStub.fromTyped(workflow).describe().getStatus().name())
        .as("the notification waits for its operator, not for the event")
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    workflow.close("told, and settled by hand");
    assertThat(resultOf(workflow).status()).isEqualTo(NotifyStatus.CLOSED);
  }

  @Test
  void eachEntryIntoNeedsAttentionIsAnEventOfItsOwn() {
    String txNo = "tx-twice";
    NotifyWorkflow workflow = needingAttention(txNo);
    awaitEvent("notification.needs_attention");

    workflow.reconcile(); // pay-api's query interface still knows nothing of it
    await("the second entry's event")
        .atMost(Duration.ofSeconds(10))
        .until(() -> operator.events("notification.needs_attention").size() == 2);

    assertThat(operator.events("notification.needs_attention"))
        .extracting(Event::id)
        .containsExactly(
            "operator-event:notification.needs_attention:" + txNo + ":1",
            "operator-event:notification.needs_attention:" + txNo + ":2");
    workflow.close("settled by hand");
    resultOf(workflow);
  }

  @Test
  void aReconciliationThatCreditsTheAccountIsToldToTheOperator() {
    String txNo = "tx-reconciled";
    env.accountApi.notifications(FAIL);
    env.accountApi.reconciliation(
        txNo, request -> AccountApiStub.reconciled(txNo, "success", true, false));

    NotificationState reconciled = resultOf(env.start(recharge(txNo), SeedPolicy.POLICY));

    assertThat(reconciled.status()).isEqualTo(NotifyStatus.RECONCILED);
    Event event = awaitEvent("notification.reconciled");
    assertThat(event.id()).isEqualTo("operator-event:notification.reconciled:" + txNo);
    assertThat(event.data().path("status").asString()).isEqualTo("RECONCILED");
    assertThat(event.data().path("payResult").asString()).isEqualTo("success");
    assertThat(event.data().path("attempts").asInt()).isEqualTo(9);
    assertThat(event.data().path("failingSince").asString()).isNotEmpty();
  }

  @Test
  void aReconciliationThatFindsTheAccountCreditedAlreadyTellsNothing() {
    String txNo = "tx-credited-before";
    env.accountApi.notifications(FAIL);
    env.accountApi.reconciliation(
        txNo, request -> AccountApiStub.reconciled(txNo, "success", false, true));

    assertThat(resultOf(env.start(recharge(txNo), SeedPolicy.POLICY)).status())
        .isEqualTo(NotifyStatus.RECONCILED);

    // The event's child is started before the notification completes, or never.
    assertThat(env.historyOf(txNo))
        .doesNotContain(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
  }

  @Test
  void aReceiverThatRecoversIsToldOnceForAllTheNotificationsWaitingForIt() {
    AtomicInteger calls = new AtomicInteger();
    int waiting = 3;
    // Down for the three first attempts, back for the second ones.
    env.accountApi.notifications(
        request -> calls.incrementAndGet() <= waiting ? FAIL.apply(request) : TAKE.apply(request));
    List<NotifyWorkflow> workflows =
        IntStream.rangeClosed(1, waiting)
            .mapToObj(n -> env.start(recharge("tx-recovering-" + n), SeedPolicy.POLICY))
            .toList();

    List<NotificationState> notified = workflows.stream().map(w -> resultOf(w)).toList();

    assertThat(notified).extracting(NotificationState::status).containsOnly(NotifyStatus.NOTIFIED);
    // One event per period of recovery (a minute here): all three recovered within a second.
    Set<String> periods =
        notified.stream()
            .map(state -> OperatorEventType.periodOf(state.finishedAt(), Duration.ofMinutes(1)))
            .collect(Collectors.toSet());
    assertThat(periods).hasSizeLessThan(waiting);
    await("the receiver's recovery, told")
        .atMost(Duration.ofSeconds(10))
        .until(() -> operator.events("receiver.recovered").size() == periods.size());
    Event recovered = operator.events("receiver.recovered").getFirst();
    assertThat(periods).contains(recovered.id());
    assertThat(recovered.data().path("status").asString()).isEqualTo("NOTIFIED");
    assertThat(recovered.data().path("attempts").asInt()).isEqualTo(2);
    assertThat(recovered.data().path("lastError").asString()).contains("account-api");
    assertThat(recovered.data().path("failingSince").asString()).isNotEmpty();
    notified.forEach(
        state ->
            assertThat(env.historyOf(state.txNo()))
                .contains(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED));
  }

  @Test
  void aNotificationDeliveredAtOnceTellsNothing() {
    env.accountApi.notifications(TAKE);

    assertThat(resultOf(env.start(recharge("tx-at-once"), SeedPolicy.POLICY)).status())
        .isEqualTo(NotifyStatus.NOTIFIED);

    // Its first attempt's marker and its outcome's, as without operator events: nothing more.
    assertThat(env.historyOf("tx-at-once"))
        .containsExactlyElementsOf(NotifyTestEnvironment.DELIVERED_AT_ONCE);
  }

  @Test
  void anOperatorEndpointThatFailsNeverHoldsUpANotificationAndGetsTheEventOnceItAnswers() {
    String txNo = "tx-operator-down";
    operator.failing(true);
    env.accountApi.notifications(FAIL);
    env.accountApi.reconciliation(
        txNo, request -> AccountApiStub.reconciled(txNo, "success", true, false));

    assertThat(resultOf(env.start(recharge(txNo), SeedPolicy.POLICY)).status())
        .isEqualTo(NotifyStatus.RECONCILED);
    // Retried a second, then two, four… later: in real time, as the test server runs it here.
    await("failed sends, retried")
        .atMost(Duration.ofSeconds(10))
        .until(() -> operator.received().size() >= 2);
    assertThat(operator.events()).isEmpty();

    operator.failing(false);

    Event event = awaitEvent("notification.reconciled");
    assertThat(event.data().path("txNo").asString()).isEqualTo(txNo);
    assertThat(operator.received())
        .as("every attempt is the same message")
        .hasSizeGreaterThan(1)
        .extracting(received -> received.header("webhook-id"))
        .containsOnly("operator-event:notification.reconciled:" + txNo);
  }

  @Test
  void withoutAnOperatorUrlNoEventIsStarted() {
    try (NotifyTestEnvironment quiet = new NotifyTestEnvironment()) {
      quiet.accountApi.notifications(FAIL);
      quiet.accountApi.reconciliation(
          "tx-quiet", request -> AccountApiStub.reconciled("tx-quiet", "success", true, false));

      assertThat(resultOf(quiet.start(recharge("tx-quiet"), SeedPolicy.POLICY)).status())
          .isEqualTo(NotifyStatus.RECONCILED);

      assertThat(quiet.historyOf("tx-quiet"))
          .doesNotContain(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED);
    }
  }

  /** Rejected at the second attempt; pay-api's query interface knows nothing of it. */
  private NotifyWorkflow needingAttention(String txNo) {
    AtomicInteger calls = new AtomicInteger();
    env.accountApi.notifications(
        request ->
            calls.incrementAndGet() == 1 ? FAIL.apply(request) : AccountApiStub.unknownAccount());
    env.accountApi.reconciliation(txNo, request -> AccountApiStub.unknownTxNo());
    NotifyWorkflow workflow = env.start(recharge(txNo), SeedPolicy.POLICY);
    env.skip(Duration.ofMinutes(2));
    return workflow;
  }

  private Event awaitEvent(String type) {
    await(type + " at the operator's endpoint")
        .atMost(Duration.ofSeconds(20))
        .until(() -> !operator.events(type).isEmpty());
    return operator.events(type).getFirst();
  }
}
