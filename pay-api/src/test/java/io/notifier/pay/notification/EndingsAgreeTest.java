package io.notifier.pay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.testing.AccountApiStub;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflow;
import io.notifier.workflows.outcome.NotificationOutcome;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * For every way a notification ends, what its workflow decided, what it wrote into account_pay and
 * what the status endpoint shows are the same: one owner of the state, and the others read it.
 */
class EndingsAgreeTest extends PayApiIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired NotificationLedger ledger;
  @Autowired WorkflowClient client;

  /** How a scenario brings its notification to its end, given the test and the txNo. */
  interface Ending extends BiConsumer<EndingsAgreeTest, String> {}

  static Stream<Arguments> endings() {
    return Stream.of(
        Arguments.of(
            "NOTIFIED at the first attempt", NotifyStatus.NOTIFIED, (Ending) (t, tx) -> {}),
        Arguments.of(
            "NOTIFIED after retries",
            NotifyStatus.NOTIFIED,
            (Ending)
                (t, tx) -> {
                  await().atMost(PATIENCE).until(() -> notificationsOf(tx) >= 2);
                  accountApi.notifications(AccountApiStub::acknowledged);
                }),
        Arguments.of(
            "RECONCILED, credited",
            NotifyStatus.RECONCILED,
            (Ending)
                (t, tx) -> {
                  accountApi.reconciliation(
                      tx, request -> AccountApiStub.reconciled(tx, "success", true, false));
                  t.move(tx, "reconcile");
                }),
        Arguments.of(
            "RECONCILED, nothing owed",
            NotifyStatus.RECONCILED,
            (Ending)
                (t, tx) -> {
                  accountApi.reconciliation(
                      tx, request -> AccountApiStub.reconciled(tx, "fail", false, false));
                  t.move(tx, "reconcile");
                }),
        Arguments.of(
            "CLOSED by an operator while notifying",
            NotifyStatus.CLOSED,
            (Ending)
                (t, tx) ->
                    t.mvc
                        .post()
                        .uri("/api/recharges/{txNo}/notification/close", tx)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"refunded\"}")
                        .with(Credentials.operator())
                        .exchange()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endings")
  void theWorkflowAccountPayAndTheStatusEndpointAgree(
      String ending, NotifyStatus expected, Ending end) throws Exception {
    if (!ending.startsWith("NOTIFIED at the first")) {
      accountApi.notifications(request -> AccountApiStub.unavailable());
    }
    String txNo = recharge();
    await().atMost(PATIENCE).until(() -> notificationsOf(txNo) >= 1);

    end.accept(this, txNo);

    NotificationState decided =
        client
            .newUntypedWorkflowStub(NotifyWorkflow.workflowId(txNo))
            .getResult(
                PATIENCE.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS,
                NotificationState.class);
    NotificationOutcome written = ledger.outcomeOf(txNo).orElseThrow();
    Map<String, Object> shown = status(txNo);

    assertThat(decided.status()).isEqualTo(expected);
    assertThat(written.status()).isEqualTo(decided.status());
    assertThat(written.attempts()).isEqualTo(decided.attempts());
    assertThat(written.finishedAt()).isEqualTo(decided.finishedAt());
    assertThat(written.payResult()).isEqualTo(decided.payResult());
    assertThat(written.reason()).isEqualTo(decided.reason());
    assertThat(written.lastError()).isEqualTo(decided.lastError());
    assertThat(shown.get("status")).isEqualTo(decided.status().name());
    assertThat(shown.get("attempts")).isEqualTo(decided.attempts());
    assertThat(Instant.parse((String) shown.get("finishedAt"))).isEqualTo(decided.finishedAt());
    assertThat(shown.get("payResult")).isEqualTo(decided.payResult());
    assertThat(shown.get("reason")).isEqualTo(decided.reason());
    assertThat(shown.get("lastError")).isEqualTo(decided.lastError());
  }

  private void move(String txNo, String move) {
    assertThat(
            mvc.post()
                .uri("/api/recharges/{txNo}/notification/" + move, txNo)
                .with(Credentials.operator())
                .exchange())
        .hasStatus(HttpStatus.ACCEPTED);
  }

  private String recharge() throws Exception {
    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"1\",\"amount\":\"1.23\"}")
            .with(Credentials.client())
            .exchange();
    assertThat(result).hasStatus(HttpStatus.CREATED);
    return JsonPath.read(result.getResponse().getContentAsString(), "$.txNo");
  }

  private Map<String, Object> status(String txNo) throws Exception {
    MvcTestResult result =
        mvc.get()
            .uri("/api/recharges/{txNo}/notification", txNo)
            .with(Credentials.client())
            .exchange();
    assertThat(result).hasStatusOk();
    return JsonPath.read(result.getResponse().getContentAsString(), "$");
  }
}
