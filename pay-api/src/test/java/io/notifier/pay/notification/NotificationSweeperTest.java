package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.pay.recharge.RechargeRepository;
import io.notifier.testing.AccountApiStub;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyPolicy;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.NotifyWorkflowOptions;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.outcome.NotificationOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The workflow writes its outcome into account_pay itself; the sweeper is the net under it: a run
 * that vanished or ended without settling and without an operator's word starts again, a run an
 * operator terminated stays closed, a retired type's ending is recorded or started again.
 */
class NotificationSweeperTest extends PayApiIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired NotificationSweeper sweeper;
  @Autowired NotificationLedger ledger;
  @Autowired RechargeRepository recharges;
  @Autowired WorkflowClient client;
  @Autowired NotifyProperties properties;
  @Autowired NotifyPolicy policy;

  @Test
  void theWorkflowWritesItsOutcomeBeforeItCompletesWithNoSweeperInvolved() throws Exception {
    String txNo = recharge("1", "2.00");

    WorkflowStub run = client.newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo));
    NotificationState result = run.getResult(NotificationState.class);

    assertThat(ledger.outcomeOf(txNo))
        .hasValueSatisfying(
            outcome -> {
              assertThat(outcome.status()).isEqualTo(NotifyStatus.NOTIFIED);
              assertThat(outcome.attempts()).isEqualTo(result.attempts());
              assertThat(outcome.finishedAt()).isEqualTo(result.finishedAt());
            });
  }

  @Test
  void aNotificationAnOperatorTerminatedInTemporalIsRecordedClosedAndNotStartedAgain()
      throws Exception {
    accountApi.notifications(request -> AccountApiStub.unavailable());
    String txNo = recharge("2", "3.00");
    await().atMost(PATIENCE).until(() -> notificationsOf(txNo) >= 1);
    client.newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo)).terminate("paid by hand");
    accountApi.notifications(AccountApiStub::acknowledged);
    long before = notificationsOf(txNo);
    startedLongAgo(txNo);

    sweeper.sweep();

    assertThat(ledger.outcomeOf(txNo))
        .hasValueSatisfying(
            outcome -> {
              assertThat(outcome.status()).isEqualTo(NotifyStatus.CLOSED);
              assertThat(outcome.reason())
                  .isEqualTo("closed by hand in Temporal: its run was TERMINATED");
            });
    assertThat(notificationsOf(txNo)).isEqualTo(before);
    assertThat(latestRun(txNo).getStatus().name()).endsWith("TERMINATED");
  }

  @Test
  void aNotificationWhoseWorkflowIsGoneIsStartedAgain() {
    String txNo = startedLongAgoWithoutAWorkflow("5.00");

    sweeper.sweep();

    awaitOutcome(txNo, NotifyStatus.NOTIFIED);
    assertThat(notificationsOf(txNo)).isEqualTo(1);
  }

  @Test
  void aNotificationWhoseRunTimedOutIsStartedAgain() {
    String txNo = startedLongAgoWithoutAWorkflow("6.00");
    accountApi.notifications(request -> AccountApiStub.unavailable());
    RechargeNotification notification = notification(txNo, "6.00");
    WorkflowStub run =
        client.newUntypedWorkflowStub(
            NotifyWorkflow.TYPE,
            WorkflowOptions.newBuilder(
                    NotifyWorkflowOptions.of(
                        notification, policy, properties.taskQueue(), Instant.now()))
                .setWorkflowRunTimeout(Duration.ofSeconds(2))
                .build());
    String timedOut = run.start(new NotifyRequest(notification, policy)).getRunId();
    await().atMost(PATIENCE).until(() -> run.describe().getStatus().name().endsWith("TIMED_OUT"));
    accountApi.notifications(AccountApiStub::acknowledged);

    sweeper.sweep();

    awaitOutcome(txNo, NotifyStatus.NOTIFIED);
    assertThat(latestRun(txNo).getExecution().getRunId()).isNotEqualTo(timedOut);
  }

  @Test
  void aRetiredTypesRunThatEndedFailedIsStartedAgainAsTheCurrentTypeAndSettles() {
    String txNo = startedLongAgoWithoutAWorkflow("7.00");
    // NotifyWorkflowV2: the receiver rejects it, pay-api's query interface seems not to know it.
    accountApi.notifications(request -> AccountApiStub.unknownAccount());
    accountApi.reconciliation(txNo, request -> AccountApiStub.unknownTxNo());
    NotificationState legacy = runRetiredType("NotifyWorkflowV2", txNo, "7.00");
    assertThat(legacy.status()).isEqualTo(NotifyStatus.FAILED);
    accountApi.notifications(AccountApiStub::acknowledged);

    sweeper.sweep();

    awaitOutcome(txNo, NotifyStatus.NOTIFIED);
    assertThat(
            client
                .newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo))
                .describe()
                .getWorkflowType())
        .isEqualTo(NotifyWorkflow.TYPE);
  }

  @Test
  void aRetiredTypesRunThatSettledIsRecordedFromItsResultAndNotDeliveredAgain() {
    String txNo = startedLongAgoWithoutAWorkflow("8.00");
    NotificationState legacy = runRetiredType("NotifyWorkflowV2", txNo, "8.00");
    long deliveries = notificationsOf(txNo);

    sweeper.sweep();

    assertThat(ledger.outcomeOf(txNo))
        .map(NotificationOutcome::status)
        .contains(NotifyStatus.NOTIFIED);
    assertThat(legacy.status()).isEqualTo(NotifyStatus.NOTIFIED);
    assertThat(notificationsOf(txNo)).isEqualTo(deliveries);
  }

  /** Runs a workflow of a retired type, as one started before the current type existed. */
  private NotificationState runRetiredType(String type, String txNo, String amount) {
    RechargeNotification notification = notification(txNo, amount);
    WorkflowStub run =
        client.newUntypedWorkflowStub(
            type,
            NotifyWorkflowOptions.of(notification, policy, properties.taskQueue(), Instant.now()));
    run.start(new NotifyRequest(notification, policy));
    return run.getResult(NotificationState.class);
  }

  private String startedLongAgoWithoutAWorkflow(String amount) {
    String txNo = "tx-" + UUID.randomUUID();
    Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
    recharges.insert(txNo, "1", new BigDecimal(amount), "success", "shop", null, anHourAgo);
    recharges.markNotificationStarted(txNo, anHourAgo);
    return txNo;
  }

  private void awaitOutcome(String txNo, NotifyStatus status) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(ledger.outcomeOf(txNo))
                    .map(NotificationOutcome::status)
                    .contains(status));
  }

  private static RechargeNotification notification(String txNo, String amount) {
    return new RechargeNotification(
        txNo, "1", new BigDecimal(amount), RechargeNotification.SUCCESS);
  }

  /** As if the notification had started an hour ago: past the sweeper's grace. */
  private void startedLongAgo(String txNo) {
    jdbc.sql("UPDATE account_pay SET notify_started_at = ? WHERE tx_no = ?")
        .params(Instant.now().minus(Duration.ofHours(1)), txNo)
        .update();
  }

  private WorkflowExecutionDescription latestRun(String txNo) {
    return client.newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo)).describe();
  }

  private String recharge(String accountNo, String amount) throws Exception {
    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"%s\",\"amount\":\"%s\"}".formatted(accountNo, amount))
            .with(Credentials.client())
            .exchange();
    assertThat(result).hasStatus(HttpStatus.CREATED);
    String location = result.getResponse().getHeader("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
