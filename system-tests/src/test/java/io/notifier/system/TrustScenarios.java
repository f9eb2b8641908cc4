package io.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.notifier.testing.TestSecrets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who may move money and read what, end to end: only the notifier's signature credits an account,
 * each API key does what its role allows, and every refused caller gets problem+json and changes
 * nothing. {@link NotificationScenarios} runs these on each stack.
 */
interface TrustScenarios {

  Duration SOON = Duration.ofSeconds(10);

  NotifierStack stack();

  @Test
  default void onlyANotificationSignedWithTheNotifiersSecretOverItsBodyWithinFiveMinutesCredits() {
    NotifierStack stack = stack();
    BigDecimal before = stack.balance("1");
    Map<String, String> notification =
        Map.of(
            "txNo", "tx-" + UUID.randomUUID(),
            "accountNo", "1",
            "amount", "500.00",
            "result", "success");
    JsonApi accountApi = new JsonApi(stack.accountApiPort);
    String signedBody = JsonApi.JSON.writeValueAsString(notification);
    String otherBody = signedBody.replace("500.00", "900.00");
    Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));

    assertUnauthorized(accountApi.post("/api/notifications", notification));
    assertUnauthorized(
        accountApi
            .signedWith(TestSecrets.newWebhookSecret())
            .post("/api/notifications", notification));
    assertUnauthorized(
        accountApi
            .with(JsonApi.signature(sixMinutesAgo, stack.signingSecret))
            .post("/api/notifications", notification));
    assertUnauthorized(
        accountApi
            .with(
                (request, body) ->
                    JsonApi.signature(Clock.systemUTC(), stack.signingSecret)
                        .apply(request, signedBody))
            .postRaw("/api/notifications", otherBody, Map.of()));
    assertProblem(
        accountApi.as(NotifierStack.ACCOUNT_CLIENT_KEY).post("/api/notifications", notification),
        403);
    assertThat(stack.balance("1")).isEqualByComparingTo(before);

    assertProblem(
        accountApi
            .with(
                JsonApi.signatureAs(
                    "tx-" + UUID.randomUUID(), Clock.systemUTC(), stack.signingSecret))
            .post("/api/notifications", notification),
        403);
    assertThat(stack.balance("1")).isEqualByComparingTo(before);

    assertThat(stack.notifier.post("/api/notifications", notification).status()).isEqualTo(200);
    assertThat(stack.balance("1")).isEqualByComparingTo(before.add(new BigDecimal("500.00")));
  }

  /**
   * A notifier's signature grants the delivery of the notification it was made for, nothing else:
   * not an account's balance, not a reconciliation.
   */
  @Test
  default void theNotifiersSignatureGrantsNothingButItsOwnNotification() {
    NotifierStack stack = stack();
    JsonApi signed = new JsonApi(stack.accountApiPort).signedWith(stack.signingSecret);

    assertProblem(signed.get("/api/accounts/1"), 403);
    assertProblem(signed.post("/api/reconciliations/tx-" + UUID.randomUUID(), Map.of()), 403);
  }

  @Test
  default void eachKeyDoesWhatItsRoleAllowsAndNothingMore() {
    NotifierStack stack = stack();
    JsonApi payApi = new JsonApi(stack.payApiPort);
    JsonApi accountApi = new JsonApi(stack.accountApiPort);
    Map<String, String> recharge = Map.of("accountNo", "2", "amount", "1.00");
    BigDecimal before = stack.balance("2");

    assertUnauthorized(payApi.post("/api/recharges", recharge));
    assertUnauthorized(payApi.as("guessed-key").post("/api/recharges", recharge));
    assertProblem(payApi.as(NotifierStack.OPERATOR_KEY).post("/api/recharges", recharge), 403);
    assertThat(stack.balance("2")).isEqualByComparingTo(before);

    String txNo = stack.recharge("2", "2.00");
    stack.awaitNotification(txNo, "NOTIFIED", SOON); // credited now, not in another scenario
    String recharges = "/api/recharges/" + txNo;
    assertThat(stack.payApi.get(recharges).status()).isEqualTo(200);
    assertThat(payApi.as(NotifierStack.QUERY_KEY).get(recharges).status()).isEqualTo(200);
    assertThat(stack.payApiAsOperator.get(recharges).status()).isEqualTo(200);
    assertUnauthorized(payApi.get(recharges));
    assertProblem(payApi.as(NotifierStack.QUERY_KEY).get(recharges + "/notification"), 403);
    assertUnauthorized(payApi.post(recharges + "/notification/reconcile", Map.of()));
    assertProblem(stack.payApi.post(recharges + "/notification/reconcile", Map.of()), 403);

    assertThat(accountApi.as(NotifierStack.ACCOUNT_CLIENT_KEY).get("/api/accounts/1").status())
        .isEqualTo(200);
    // pay-api asks whether an account exists, and reads no balance.
    assertThat(accountApi.as(NotifierStack.PAY_API_KEY).head("/api/accounts/1").status())
        .isEqualTo(200);
    assertProblem(accountApi.as(NotifierStack.PAY_API_KEY).get("/api/accounts/1"), 403);
    assertUnauthorized(accountApi.get("/api/accounts/1"));
    assertUnauthorized(accountApi.as(NotifierStack.CLIENT_KEY).get("/api/accounts/1"));
    assertUnauthorized(accountApi.post("/api/reconciliations/" + txNo, Map.of()));
    assertProblem(
        accountApi
            .as(NotifierStack.ACCOUNT_CLIENT_KEY)
            .post("/api/reconciliations/" + txNo, Map.of()),
        403);

    for (JsonApi service : new JsonApi[] {payApi, accountApi}) {
      assertThat(service.get("/actuator/health/readiness").status()).isEqualTo(200);
      assertUnauthorized(service.get("/actuator/prometheus"));
      assertThat(service.as(NotifierStack.OPERATOR_KEY).get("/actuator/metrics").status())
          .isEqualTo(200);
    }
  }

  @Test
  default void aClientReadingAnotherClientsRechargeFindsNothingThere() {
    NotifierStack stack = stack();
    String txNo = stack.recharge("1", "3.00");
    stack.awaitNotification(txNo, "NOTIFIED", SOON); // credited now, not in another scenario
    JsonApi other = new JsonApi(stack.payApiPort).as(NotifierStack.OTHER_CLIENT_KEY);

    JsonApi.Response recharge = other.get("/api/recharges/" + txNo);
    JsonApi.Response notification = other.get("/api/recharges/" + txNo + "/notification");

    assertProblem(recharge, 404);
    assertThat(recharge.text("detail")).isEqualTo("There is no recharge " + txNo + ".");
    assertProblem(notification, 404);
  }

  @Test
  default void twoClientsUsingTheSameIdempotencyKeyMakeTwoRecharges() {
    NotifierStack stack = stack();
    BigDecimal before = stack.balance("2");
    Map<String, String> body = Map.of("accountNo", "2", "amount", "4.00");
    Map<String, String> key = Map.of("Idempotency-Key", "order-" + UUID.randomUUID());

    JsonApi.Response shops = stack.payApi.post("/api/recharges", body, key);
    JsonApi.Response others =
        new JsonApi(stack.payApiPort)
            .as(NotifierStack.OTHER_CLIENT_KEY)
            .post("/api/recharges", body, key);

    assertThat(shops.status()).isEqualTo(201);
    assertThat(others.status()).isEqualTo(201);
    assertThat(others.text("txNo")).isNotEqualTo(shops.text("txNo"));
    stack.awaitNotification(shops.text("txNo"), "NOTIFIED", SOON);
    await("both credited")
        .atMost(SOON)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> stack.balance("2"),
            balance -> balance.compareTo(before.add(new BigDecimal("8.00"))) == 0);
  }

  @Test
  default void aRechargeForAnAccountTheAccountSystemDoesNotHaveIsRefused() {
    NotifierStack stack = stack();

    JsonApi.Response refused =
        stack.payApi.post("/api/recharges", Map.of("accountNo", "3", "amount", "1.00"));

    assertProblem(refused, 422);
    assertThat(refused.text("title")).isEqualTo("Unknown account");
  }

  /**
   * Signed with a secret the receiver does not hold, a notification is answered 401, which the
   * notifier retries on its schedule (a set-up mistake heals). Once pay-api signs with a new secret
   * and the receiver's, as while rotating, the next attempt delivers. (pay-api's window is long
   * here: restarting a service takes longer on a busy machine than the stack's 20 s window.)
   */
  @Test
  default void aReceiverWithoutTheSecretIsRetriedUntilItHasItThenTheNotificationIsDelivered() {
    NotifierStack stack = stack();
    BigDecimal before = stack.balance("2");
    stack.stopPayApi();
    stack.payApiSecrets = TestSecrets.newWebhookSecret();
    stack.payApiWindow = Duration.ofMinutes(3);
    stack.startPayApi();
    String txNo;
    JsonNode refusing;
    try {
      txNo = stack.recharge("2", "6.00");
      refusing = stack.awaitAttempts(txNo, 2, SOON);
    } finally {
      stack.stopPayApi();
      stack.payApiSecrets = TestSecrets.newWebhookSecret() + "," + stack.signingSecret;
      stack.payApiWindow = stack.policy.window();
      stack.startPayApi();
    }

    assertThat(refusing.path("status").asString()).isEqualTo("NOTIFYING");
    assertThat(refusing.path("lastError").asString()).contains("HTTP 401");
    // An attempt the stopped worker had taken times out (5 s) before it is retried, as after a
    // kill.
    stack.awaitNotification(txNo, "NOTIFIED", Duration.ofSeconds(30));
    assertThat(stack.balance("2")).isEqualByComparingTo(before.add(new BigDecimal("6.00")));
  }

  private static void assertUnauthorized(JsonApi.Response response) {
    assertProblem(response, 401);
    assertThat(response.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  private static void assertProblem(JsonApi.Response response, int status) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.raw().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.body().path("status").asInt()).isEqualTo(status);
  }
}
