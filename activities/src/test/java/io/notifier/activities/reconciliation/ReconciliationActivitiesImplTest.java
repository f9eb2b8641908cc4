package io.notifier.activities.reconciliation;

import static io.notifier.testing.AccountApiStub.gatewayPage;
import static io.notifier.testing.AccountApiStub.reconciled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.notifier.testing.AccountApiStub;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.web.client.Credential;
import io.notifier.web.client.ServiceClient;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationFailures;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One reconciliation attempt against a stand-in of account-api's reconciliation endpoint behind a
 * gateway's base path: only its documented answers end the step.
 */
class ReconciliationActivitiesImplTest {

  private final AccountApiStub accountApi = AccountApiStub.under("/account-api");
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final ReconciliationActivities reconciliation;

  ReconciliationActivitiesImplTest() {
    env.registerActivitiesImplementations(
        new ReconciliationActivitiesImpl(
            new ServiceClient(
                "account-api",
                accountApi.baseUrl(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Credential.bearer("pay-api-key")),
            Clock.systemUTC(),
            Duration.ofDays(7)));
    reconciliation = env.newActivityStub(ReconciliationActivities.class);
  }

  @AfterEach
  void close() {
    env.close();
    accountApi.close();
  }

  @Test
  void asksAccountApiUnderItsBasePathWithPayApisKeyAndReturnsWhatItFoundAndDid() {
    accountApi.reconciliation("tx-1", request -> reconciled("tx-1", "success", true, false));

    ReconciliationResult result = reconciliation.reconcile("tx-1");

    assertThat(result).isEqualTo(new ReconciliationResult("tx-1", "success", true, false));
    assertThat(accountApi.reconciliationsReceived("tx-1"))
        .singleElement()
        .satisfies(
            request -> assertThat(request.header("Authorization")).isEqualTo("Bearer pay-api-key"));
  }

  @Test
  void payApiNotKnowingTheTxNoIsAnAnswerThatConcludesNothing() {
    accountApi.reconciliation("tx-1", request -> AccountApiStub.unknownTxNo());

    ReconciliationResult result = reconciliation.reconcile("tx-1");

    assertThat(result.payResult()).isEqualTo(ReconciliationResult.UNKNOWN);
    assertThat(result.concluded()).isFalse();
  }

  @Test
  void aNotFoundWithoutThatProblemTypeIsAPassingFailureNotAnUnknownTxNo() {
    accountApi.reconciliation("tx-1", request -> gatewayPage(404));

    ApplicationFailure failure = failureOf(() -> reconciliation.reconcile("tx-1"));

    assertThat(failure.getType()).isEqualTo(ReconciliationFailures.RECONCILIATION_FAILED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getDetails().get(FailedAttempt.class).error())
        .isEqualTo("account-api answered HTTP 404");
  }

  @ParameterizedTest(name = "payResult {0}")
  @ValueSource(strings = {"pending", "SUCCESS", "unknown", ""})
  void aPayResultOtherThanSuccessOrFailIsRetried(String payResult) {
    accountApi.reconciliation("tx-1", request -> reconciled("tx-1", payResult, false, false));

    ApplicationFailure failure = failureOf(() -> reconciliation.reconcile("tx-1"));

    assertThat(failure.getType()).isEqualTo(ReconciliationFailures.RECONCILIATION_FAILED);
  }

  @Test
  void aSuccessThatSaysTheAccountIsNotCreditedIsRetried() {
    accountApi.reconciliation("tx-1", request -> reconciled("tx-1", "success", false, false));

    assertThat(failureOf(() -> reconciliation.reconcile("tx-1")).getType())
        .isEqualTo(ReconciliationFailures.RECONCILIATION_FAILED);
  }

  @Test
  void anAnswerAboutAnotherTxNoIsRetried() {
    accountApi.reconciliation("tx-1", request -> reconciled("tx-2", "success", true, false));

    assertThat(failureOf(() -> reconciliation.reconcile("tx-1")).getType())
        .isEqualTo(ReconciliationFailures.RECONCILIATION_FAILED);
  }

  @Test
  void anUnreachablePayApiBehindAccountApiIsRetried() {
    accountApi.reconciliation(
        "tx-1",
        request ->
            new Answer(
                502,
                "{\"title\":\"pay-api unavailable\"}",
                Map.of("Content-Type", "application/problem+json")));

    ApplicationFailure failure = failureOf(() -> reconciliation.reconcile("tx-1"));

    assertThat(failure.getType()).isEqualTo(ReconciliationFailures.RECONCILIATION_FAILED);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void accountApisOwnRefusalIsNotRetried() {
    accountApi.reconciliation("tx-1", request -> AccountApiStub.settledDifferently());

    ApplicationFailure failure = failureOf(() -> reconciliation.reconcile("tx-1"));

    assertThat(failure.getType()).isEqualTo(ReconciliationFailures.RECONCILIATION_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aRetryAfterFromABusyAccountApiIsHonoured() {
    accountApi.reconciliation(
        "tx-1", request -> new Answer(503, "{}", Map.of("Retry-After", "120")));

    ApplicationFailure failure = failureOf(() -> reconciliation.reconcile("tx-1"));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(2));
  }

  private static ApplicationFailure failureOf(Runnable attempt) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, attempt::run);
    assertThat(failure).isNotNull();
    return (ApplicationFailure) failure.getCause();
  }
}
