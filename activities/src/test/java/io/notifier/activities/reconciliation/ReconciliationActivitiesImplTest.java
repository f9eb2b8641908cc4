package io.notifier.activities.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.notifier.activities.TestSigning;
import io.notifier.activities.http.JsonHttp;
import io.notifier.testing.StubHttpServer;
import io.notifier.workflows.reconciliation.ReconciliationActivities;
import io.notifier.workflows.reconciliation.ReconciliationFailures;
import io.notifier.workflows.reconciliation.ReconciliationResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One reconciliation attempt against a stub of account-api's reconciliation endpoint. */
class ReconciliationActivitiesImplTest {

  private static final String PATH = "/api/reconciliations/tx-1";

  private final StubHttpServer accountApi = StubHttpServer.start();
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final ReconciliationActivities reconciliation;

  ReconciliationActivitiesImplTest() {
    env.registerActivitiesImplementations(
        new ReconciliationActivitiesImpl(
            new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), TestSigning.signer()),
            accountApi.uri()));
    reconciliation = env.newActivityStub(ReconciliationActivities.class);
  }

  @AfterEach
  void close() {
    env.close();
    accountApi.close();
  }

  @Test
  void asksAccountApiToReconcileAndReturnsWhatItFoundAndDid() {
    accountApi.answer(
        PATH,
        200,
        "{\"txNo\":\"tx-1\",\"payResult\":\"success\",\"settled\":true,\"alreadySettled\":false}");

    ReconciliationResult result = reconciliation.reconcile("tx-1");

    assertThat(result).isEqualTo(new ReconciliationResult("tx-1", "success", true, false));
    assertThat(accountApi.received("POST", PATH)).hasSize(1);
  }

  @Test
  void aTxNoThatPayApiDoesNotKnowIsReportedAsUnknown() {
    accountApi.answer(PATH, 404, "{\"title\":\"Unknown txNo\"}");

    ReconciliationResult result = reconciliation.reconcile("tx-1");

    assertThat(result.payResult()).isEqualTo(ReconciliationResult.UNKNOWN);
    assertThat(result.agreed()).isFalse();
  }

  @Test
  void anUnreachableAccountApiOrPayApiIsRetried() {
    accountApi.answer(PATH, 502, "{\"title\":\"pay-api unavailable\"}");

    ApplicationFailure failure = failureOf(() -> reconciliation.reconcile("tx-1"));

    assertThat(failure.getType()).isEqualTo(ReconciliationFailures.RECONCILIATION_FAILED);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void aRefusalForGoodIsNotRetried() {
    accountApi.answer(PATH, 409, "{\"title\":\"Settled differently\"}");

    ApplicationFailure failure = failureOf(() -> reconciliation.reconcile("tx-1"));

    assertThat(failure.getType()).isEqualTo(ReconciliationFailures.RECONCILIATION_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  private static ApplicationFailure failureOf(Runnable attempt) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, attempt::run);
    assertThat(failure).isNotNull();
    return (ApplicationFailure) failure.getCause();
  }
}
