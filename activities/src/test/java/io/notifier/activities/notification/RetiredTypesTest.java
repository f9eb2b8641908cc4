package io.notifier.activities.notification;

import static io.notifier.activities.NotifyTestEnvironment.recharge;
import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.activities.NotifyTestEnvironment;
import io.notifier.activities.SeedPolicy;
import io.notifier.testing.AccountApiStub;
import io.notifier.workflows.NotificationState;
import io.notifier.workflows.NotifyRequest;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.NotifyWorkflowOptions;
import io.notifier.workflows.RechargeNotification;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Executions of the retired workflow types, still running when the current type was deployed, run
 * on their frozen code with today's activities: they come to an end, for pay-api's sweeper to start
 * them again as the current type.
 */
class RetiredTypesTest {

  private final NotifyTestEnvironment env = new NotifyTestEnvironment();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aReconciliationRecordedWithoutALimitEndsAfterTheConfiguredOneInsteadOfRetryingForever() {
    RechargeNotification notification = recharge("tx-unlimited");
    env.accountApi.notifications(request -> AccountApiStub.unavailable());
    env.accountApi.reconciliation("tx-unlimited", request -> AccountApiStub.gatewayPage(502));
    Instant started = env.now();
    // As NotifyWorkflow ran it before reconciliation had a limit: a policy without one.
    WorkflowStub run =
        env.temporal
            .getWorkflowClient()
            .newUntypedWorkflowStub(
                "NotifyWorkflow",
                NotifyWorkflowOptions.of(
                    notification, SeedPolicy.UNLIMITED, NotifyTestEnvironment.TASK_QUEUE, started));
    run.start(new NotifyRequest(notification, SeedPolicy.UNLIMITED));

    NotificationState ended = run.getResult(NotificationState.class);

    assertThat(ended.status()).isEqualTo(NotifyStatus.FAILED);
    assertThat(ended.lastError())
        .startsWith("reconciliation failed: reconciliation gave up after 7d");
    assertThat(ended.finishedAt())
        .isBetween(
            started.plus(Duration.ofHours(25)).plus(Duration.ofDays(7)),
            started
                .plus(Duration.ofHours(25))
                .plus(Duration.ofDays(7))
                .plus(Duration.ofMinutes(11)));
  }
}
