package io.notifier.activities.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.notifier.activities.TestSigning;
import io.notifier.testing.AccountApiStub;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.web.client.ServiceClient;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.RetrySchedule;
import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempt;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * notify_delivery_attempts_total, the receiver's error rate an alert watches (docs/ops/alerts.yml,
 * NotifyReceiverFailing): each attempt counts once, by how account-api answered it, through the
 * metrics scope Temporal gives the activity, as the worker's Micrometer registry receives it.
 */
class DeliveryAttemptsMetricTest {

  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final DeliveryRequest REQUEST =
      new DeliveryRequest(
          new RechargeNotification(
              "tx-1", "1", new BigDecimal("100.00"), RechargeNotification.SUCCESS),
          new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5))),
          null);

  private final AccountApiStub accountApi = AccountApiStub.under("/account-api");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** As the Temporal starter builds it, reporting every 10 ms instead of every 10 s. */
  private final Scope metrics =
      new RootScopeBuilder()
          .reporter(new MicrometerClientStatsReporter(registry))
          .reportEvery(com.uber.m3.util.Duration.ofMillis(10));

  private final TestActivityEnvironment env =
      TestActivityEnvironment.newInstance(
          TestEnvironmentOptions.newBuilder().setMetricsScope(metrics).build());
  private final DeliveryActivities delivery;

  DeliveryAttemptsMetricTest() {
    env.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(
            new ServiceClient(
                "account-api",
                accountApi.baseUrl(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                TestSigning.signer().credential()),
            Clock.fixed(NOW, ZoneOffset.UTC)));
    delivery = env.newActivityStub(DeliveryActivities.class);
  }

  @AfterEach
  void close() {
    env.close();
    accountApi.close();
  }

  @Test
  void anAcknowledgedAttemptCountsAsDelivered() {
    accountApi.notifications(AccountApiStub::acknowledged);

    delivery.deliver(REQUEST);

    awaitAttempts(Map.of("delivered", 1.0));
  }

  @Test
  void everyAttemptWithoutAGoodAnswerCountsAsFailedOnce() {
    accountApi.notifications(request -> new Answer(503, "{}"));
    attempt();
    accountApi.notifications(request -> AccountApiStub.gatewayPage(404));
    attempt();
    accountApi.down();
    attempt();

    awaitAttempts(Map.of("failed", 3.0));
  }

  @Test
  void accountApisOwnRefusalCountsAsRejectedAndStillAsARejection() {
    accountApi.notifications(request -> AccountApiStub.unknownAccount());

    attempt();

    awaitAttempts(Map.of("rejected", 1.0));
    assertThat(registry.find(DeliveryActivitiesImpl.REJECTED_METRIC).counter())
        .extracting(Counter::count)
        .isEqualTo(1.0);
  }

  @Test
  void theServersFirstAttemptAfterTheWorkflowsOwnCountsNothingMore() {
    FailedAttempt local = new FailedAttempt(1, NOW.minusSeconds(20), "at first", "in full");
    accountApi.notifications(request -> new Answer(503, "{}"));
    attempt(new DeliveryRequest(REQUEST.notification(), REQUEST.schedule(), local));
    attempt(); // a later attempt, so that the reporter has something to show

    awaitAttempts(Map.of("failed", 1.0));
  }

  private void attempt() {
    attempt(REQUEST);
  }

  private void attempt(DeliveryRequest request) {
    assertThat(catchThrowableOfType(ActivityFailure.class, () -> delivery.deliver(request)))
        .isNotNull();
  }

  /** The attempts counted, by outcome, once the scope reported them: these and no others. */
  private void awaitAttempts(Map<String, Double> expected) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              Map<String, Double> counted = new TreeMap<>();
              registry
                  .find(DeliveryActivitiesImpl.ATTEMPTS_METRIC)
                  .counters()
                  .forEach(
                      counter ->
                          counted.merge(
                              counter.getId().getTag(DeliveryActivitiesImpl.OUTCOME),
                              counter.count(),
                              Double::sum));
              assertThat(counted).isEqualTo(expected);
            });
  }
}
