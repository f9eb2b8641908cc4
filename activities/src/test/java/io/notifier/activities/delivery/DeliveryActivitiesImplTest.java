package io.notifier.activities.delivery;

import static io.notifier.testing.AccountApiStub.acknowledged;
import static io.notifier.testing.AccountApiStub.gatewayPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.standardwebhooks.Webhook;
import io.notifier.activities.TestSigning;
import io.notifier.testing.AccountApiStub;
import io.notifier.testing.StubHttpServer.Answer;
import io.notifier.testing.StubHttpServer.Received;
import io.notifier.web.client.ServiceClient;
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

/**
 * One delivery attempt against a stand-in of account-api behind a gateway's base path, as the
 * worker runs it: what it sends, and how it reads each answer.
 */
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

  private final AccountApiStub accountApi = AccountApiStub.under("/account-api");
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final AtomicReference<FailedAttempts> heartbeat = new AtomicReference<>();
  private final DeliveryActivities delivery;

  DeliveryActivitiesImplTest() {
    env.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(
            new ServiceClient(
                "account-api",
                accountApi.baseUrl(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                TestSigning.signer().credential()),
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
  void postsTheNotificationUnderTheBasePathAsJsonWithTheAmountAsAString() {
    accountApi.notifications(AccountApiStub::acknowledged);

    DeliveryReceipt receipt = delivery.deliver(REQUEST);

    assertThat(receipt).isEqualTo(new DeliveryReceipt(1, 200));
    assertThat(accountApi.notificationsReceived().getFirst().body())
        .isEqualTo(
            "{\"txNo\":\"tx-1\",\"accountNo\":\"1\",\"amount\":\"100.00\",\"result\":\"success\"}");
  }

  @Test
  void signsItAsItsTxNoOverTheBytesReceived() {
    accountApi.notifications(AccountApiStub::acknowledged);

    delivery.deliver(REQUEST);

    Received received = accountApi.notificationsReceived().getFirst();
    assertThat(received.header("webhook-id")).isEqualTo("tx-1");
    assertThat(received.header("Authorization")).isNull();
    assertThatCode(
            () -> new Webhook(TestSigning.SECRET).verify(received.body(), received.headers()))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 408, 429, 401, 403, 404, 405, 413, 415})
  void aTransientAnswerIsABenignFailureWithTheSchedulesNextDelay(int status) {
    accountApi.notifications(request -> new Answer(status, "{\"title\":\"busy\"}"));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_FAILED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(failure.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "POST "
                + accountApi.baseUrl()
                + "/api/notifications: HTTP "
                + status
                + ": {\"title\":\"busy\"}");
    assertThat(lastFailedAttempt(failure).error()).isEqualTo("account-api answered HTTP " + status);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 409, 422})
  void accountApisOwnRefusalIsARejectionNotRetriedAndNotBenign(int status) {
    accountApi.notifications(
        request ->
            new Answer(
                status,
                "{\"title\":\"Unknown account\",\"status\":" + status + "}",
                Map.of("Content-Type", "application/problem+json")));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getCategory()).isNotEqualTo(ApplicationErrorCategory.BENIGN);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 409, 422})
  void theSameStatusFromAGatewayIsNoRefusalButAPassingFailure(int status) {
    accountApi.notifications(request -> gatewayPage(status));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_FAILED);
  }

  @Test
  void aTwoHundredWithoutTheAcknowledgementOfThisTxNoIsRetried() {
    accountApi.notifications(
        request -> new Answer(200, "{\"status\":\"SUCCESS\",\"txNo\":\"tx-2\",\"credited\":true}"));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_FAILED);
    assertThat(lastFailedAttempt(failure).error())
        .isEqualTo("account-api answered HTTP 200 without the documented acknowledgement");
  }

  @Test
  void anUnreachableReceiverIsRetriedOnTheScheduleAndTheErrorForAnyoneNamesNoAddress() {
    accountApi.down();

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getType()).isEqualTo(DeliveryFailures.DELIVERY_FAILED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(failure.getOriginalMessage())
        .startsWith("cannot connect to " + accountApi.baseUrl() + "/api/notifications");
    assertThat(lastFailedAttempt(failure).error()).isEqualTo("could not connect to account-api");
  }

  @Test
  void aRetryAfterLongerThanTheScheduleIsHonoured() {
    accountApi.notifications(request -> new Answer(503, "{}", Map.of("Retry-After", "300")));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aRetryAfterAsAnHttpDateIsHonouredAndAShorterOneLeavesTheSchedule() {
    accountApi.notifications(
        request -> new Answer(429, "{}", Map.of("Retry-After", "Thu, 26 Nov 2026 08:10:00 GMT")));
    assertThat(failureOf(() -> delivery.deliver(REQUEST)).getNextRetryDelay())
        .isEqualTo(Duration.ofMinutes(10));

    accountApi.notifications(request -> new Answer(429, "{}", Map.of("Retry-After", "5")));
    assertThat(failureOf(() -> delivery.deliver(REQUEST)).getNextRetryDelay())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aFailedAttemptAddsItselfToTheFailedAttemptsOfThePreviousOnesInHeartbeatAndFailure() {
    accountApi.notifications(request -> new Answer(503, "{}"));
    FailedAttempt earlier = new FailedAttempt(1, NOW.minusSeconds(60), "earlier", "in full");
    env.setHeartbeatDetails(new FailedAttempts(List.of(earlier)));

    ApplicationFailure failure = failureOf(() -> delivery.deliver(REQUEST));

    FailedAttempts recorded = failure.getDetails().get(FailedAttempts.class);
    assertThat(recorded.recent()).hasSize(2);
    assertThat(recorded.recent().getFirst()).isEqualTo(earlier);
    assertThat(recorded.recent().getLast().at()).isEqualTo(NOW);
    assertThat(recorded.recent().getLast().error()).isEqualTo("account-api answered HTTP 503");
    assertThat(heartbeat.get()).isEqualTo(recorded);
  }

  @Test
  void aRoundAfterAnOperatorsRetryNumbersItsAttemptsOnFromTheEarlierOnes() {
    accountApi.notifications(request -> new Answer(503, "{}"));
    FailedAttempts earlier =
        new FailedAttempts(
            List.of(
                new FailedAttempt(1, NOW.minusSeconds(600), "a", "a"),
                new FailedAttempt(2, NOW.minusSeconds(540), "b", "b")));
    DeliveryRequest round =
        new DeliveryRequest(REQUEST.notification(), REQUEST.schedule(), null, earlier);

    ApplicationFailure failure = failureOf(() -> delivery.deliver(round));

    assertThat(failure.getDetails().get(FailedAttempts.class).recent())
        .extracting(FailedAttempt::attempt)
        .containsExactly(1, 2, 3);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void afterAFirstAttemptTheWorkflowMadeItselfTheServersFirstRecordsItAndWaitsForTheSecond() {
    FailedAttempt local = new FailedAttempt(1, NOW.minusSeconds(20), "at first", "in full");
    DeliveryRequest afterLocal =
        new DeliveryRequest(REQUEST.notification(), REQUEST.schedule(), local);

    ApplicationFailure failure = failureOf(() -> delivery.deliver(afterLocal));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(40));
    assertThat(failure.getOriginalMessage()).isEqualTo("in full");
    assertThat(failure.getDetails().get(FailedAttempts.class).recent()).containsExactly(local);
    assertThat(heartbeat.get().recent()).containsExactly(local);
    assertThat(accountApi.server().received()).isEmpty();
  }

  @Test
  void whenTheSecondAttemptIsAlreadyDueTheServersFirstAsksForItAlmostAtOnceButNotAtZero() {
    FailedAttempt local = new FailedAttempt(1, NOW.minusSeconds(3600), "long ago", "long ago");
    DeliveryRequest late = new DeliveryRequest(REQUEST.notification(), REQUEST.schedule(), local);

    ApplicationFailure failure = failureOf(() -> delivery.deliver(late));

    // A zero delay would read as no retry at all.
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void everyAttemptOfOneNotificationIsSignedAsTheSameMessage() {
    accountApi.notifications(
        request ->
            accountApi.notificationsReceived().size() < 2
                ? new Answer(503, "{}")
                : acknowledged(request));

    failureOf(() -> delivery.deliver(REQUEST));
    delivery.deliver(REQUEST);

    assertThat(accountApi.notificationsReceived())
        .extracting(request -> request.header("webhook-id"))
        .containsExactly("tx-1", "tx-1");
  }

  private static FailedAttempt lastFailedAttempt(ApplicationFailure failure) {
    return failure.getDetails().get(FailedAttempts.class).recent().getLast();
  }

  private static ApplicationFailure failureOf(Runnable attempt) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, attempt::run);
    assertThat(failure).isNotNull();
    return (ApplicationFailure) failure.getCause();
  }
}
