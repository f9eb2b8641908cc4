package io.notifier.activities.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.notifier.activities.TestSigning;
import io.notifier.activities.http.JsonHttp;
import io.notifier.testing.StubHttpServer;
import io.notifier.workflows.RechargeNotification;
import io.notifier.workflows.RetrySchedule;
import io.notifier.workflows.delivery.DeliveryActivities;
import io.notifier.workflows.delivery.DeliveryFailures;
import io.notifier.workflows.delivery.DeliveryReceipt;
import io.notifier.workflows.delivery.DeliveryRequest;
import io.notifier.workflows.delivery.FailedAttempt;
import io.notifier.workflows.delivery.FailedAttempts;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One delivery attempt against a stub of account-api, as the worker runs it. */
class DeliveryActivitiesImplTest {

  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final RetrySchedule SCHEDULE =
      new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5)));
  private static final DeliveryRequest REQUEST =
      new DeliveryRequest(
          new RechargeNotification(
              "tx-1", "1", new BigDecimal("100.00"), RechargeNotification.SUCCESS),
          SCHEDULE,
          null);

  private final StubHttpServer accountApi = StubHttpServer.start();
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final AtomicReference<FailedAttempts> heartbeat = new AtomicReference<>();
  private final DeliveryActivities delivery;

  DeliveryActivitiesImplTest() {
    env.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(
            new JsonHttp(Duration.ofSeconds(1), Duration.ofSeconds(2), TestSigning.signer()),
            accountApi.uri().resolve("/api/notifications"),
            Clock.fixed(NOW, ZoneOffset.UTC)));
    env.setActivityHeartbeatListener(FailedAttempts.class, heartbeat::set);
    delivery = env.newActivityStub(DeliveryActivities.class);
  }

  @AfterEach
  void close() {
    env.close();
    accountApi.close();
  }

  @Test
  void postsTheNotificationAsJsonWithTheAmountAsAStringAndReturnsAReceipt() {
    accountApi.answer("/api/notifications", 200, "{\"status\":\"SUCCESS\",\"credited\":true}");

    DeliveryReceipt receipt = delivery.deliver(REQUEST);

    assertThat(receipt.httpStatus()).isEqualTo(200);
    assertThat(accountApi.received("POST", "/api/notifications").getFirst().body())
        .isEqualTo(
            "{\"txNo\":\"tx-1\",\"accountNo\":\"1\",\"amount\":\"100.00\",\"result\":\"success\"}");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 503, 408, 429, 401, 403, 404, 405, 413, 415})
  void aTransientAnswerIsABenignFailureWithTheSchedulesNextDelay(int status) {
    accountApi.answer("/api/notifications", status, "{\"title\":\"busy\"}");

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_FAILED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(failure.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "HTTP "
                + status
                + " from "
                + accountApi.uri()
                + "/api/notifications: {\"title\":\"busy\"}");
  }

  @Test
  void anUnreachableReceiverIsRetriedOnTheSchedule() {
    accountApi.down();

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_FAILED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(failure.getOriginalMessage()).startsWith("cannot connect to " + accountApi.uri());
  }

  @Test
  void aRetryAfterLongerThanTheScheduleIsHonoured() {
    accountApi.answer(
        "/api/notifications",
        request -> new StubHttpServer.Answer(503, "{}", Map.of("Retry-After", "300")));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aRetryAfterAsAnHttpDateIsHonouredAndAShorterOneLeavesTheSchedule() {
    accountApi.answer(
        "/api/notifications",
        request ->
            new StubHttpServer.Answer(
                429, "{}", Map.of("Retry-After", "Thu, 26 Nov 2026 08:10:00 GMT")));
    assertThat(failureOf(() -> delivery.deliver(REQUEST)).getNextRetryDelay())
        .isEqualTo(Duration.ofMinutes(10));

    accountApi.answer(
        "/api/notifications",
        request -> new StubHttpServer.Answer(429, "{}", Map.of("Retry-After", "5")));
    assertThat(failureOf(() -> delivery.deliver(REQUEST)).getNextRetryDelay())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 409, 422})
  void aBusinessRejectionIsNotRetriedAndNotBenign(int status) {
    accountApi.answer("/api/notifications", status, "{\"title\":\"Unknown account\"}");

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getCategory()).isNotEqualTo(ApplicationErrorCategory.BENIGN);
  }

  @Test
  void aFailedAttemptAddsItselfToTheFailedAttemptsOfThePreviousOnesInHeartbeatAndFailure() {
    accountApi.answer("/api/notifications", 503, "{}");
    FailedAttempt earlier = new FailedAttempt(1, NOW.minusSeconds(60), "HTTP 503 earlier");
    env.setHeartbeatDetails(new FailedAttempts(List.of(earlier)));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    FailedAttempts recorded = failure.getDetails().get(FailedAttempts.class);
    assertThat(recorded.recent()).hasSize(2);
    assertThat(recorded.recent().getFirst()).isEqualTo(earlier);
    assertThat(recorded.recent().getLast().at()).isEqualTo(NOW);
    assertThat(recorded.recent().getLast().error()).startsWith("HTTP 503 from ");
    assertThat(heartbeat.get()).isEqualTo(recorded);
  }

  @Test
  void afterAFirstAttemptTheWorkflowMadeItselfTheServersFirstRecordsItAndWaitsForTheSecond() {
    FailedAttempt local = new FailedAttempt(1, NOW.minusSeconds(20), "HTTP 503 at first");
    DeliveryRequest afterLocal =
        new DeliveryRequest(REQUEST.notification(), REQUEST.schedule(), local);

    ApplicationFailure failure = failureOf(() -> delivery.deliver(afterLocal));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(40));
    assertThat(failure.getOriginalMessage()).isEqualTo("HTTP 503 at first");
    assertThat(failure.getDetails().get(FailedAttempts.class).recent()).containsExactly(local);
    assertThat(heartbeat.get().recent()).containsExactly(local);
    assertThat(accountApi.received()).isEmpty();
  }

  @Test
  void whenTheSecondAttemptIsAlreadyDueTheServersFirstAsksForItAlmostAtOnceButNotAtZero() {
    FailedAttempt local = new FailedAttempt(1, NOW.minusSeconds(3600), "HTTP 503 long ago");
    DeliveryRequest late = new DeliveryRequest(REQUEST.notification(), REQUEST.schedule(), local);

    ApplicationFailure failure = failureOf(() -> delivery.deliver(late));

    // A zero delay would read as no retry at all.
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMillis(1));
  }

  private static ApplicationFailure failureOf(Runnable attempt) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, attempt::run);
    assertThat(failure).isNotNull();
    return (ApplicationFailure) failure.getCause();
  }
}
