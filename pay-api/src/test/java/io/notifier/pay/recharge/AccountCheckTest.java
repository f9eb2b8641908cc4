package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.testing.AccountApiStub;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * No money is taken for an account that cannot be credited: pay-api asks account-api first, and
 * when account-api cannot say, it refuses rather than guess. Refused recharges record nothing.
 */
class AccountCheckTest extends PayApiIntegrationTest {

  @Test
  void aRechargeForAnAccountAccountApiDoesNotHaveIsRefused422AndRecordsNothing() {
    accountApi.account("404", request -> AccountApiStub.noSuchAccount());
    long before = recharges();

    MvcTestResult result = recharge("404", null);

    assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown account");
    assertThat(recharges()).isEqualTo(before);
    assertThat(accountApi.notificationsReceived())
        .noneMatch(notification -> notification.body().contains("\"accountNo\":\"404\""));
  }

  @Test
  void aGatewaysNotFoundSaysNothingOfTheAccountTheRechargeIsRefused503() {
    accountApi.account("11", request -> AccountApiStub.gatewayPage(404));
    long before = recharges();

    MvcTestResult result = recharge("11", null);

    assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void whenAccountApiCannotBeReachedTheRechargeIsRefused503AndRecordsNothing() {
    accountApi.account("7", request -> AccountApiStub.accountExists());
    accountApi.down();
    long before = recharges();

    MvcTestResult result = recharge("7", null);

    assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Account check unavailable");
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void whenAccountApiFailsTheRechargeIsRefused503AndRecordsNothing() {
    accountApi.account("8", request -> AccountApiStub.unavailable());
    long before = recharges();

    MvcTestResult result = recharge("8", null);

    assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void anAccountAccountApiKnowsIsAskedAboutOnceAMinuteWithPayApisKeyAndAHeadThatReadsNoBalance() {
    accountApi.account("9", request -> AccountApiStub.accountExists());

    assertThat(recharge("9", null)).hasStatus(HttpStatus.CREATED);
    assertThat(recharge("9", null)).hasStatus(HttpStatus.CREATED);

    assertThat(accountApi.accountChecks("9"))
        .singleElement()
        .satisfies(
            asked ->
                assertThat(asked.header("Authorization"))
                    .isEqualTo("Bearer " + Credentials.ACCOUNT_API_KEY));
    assertThat(accountApi.server().received("GET", "/account-api/api/accounts/9")).isEmpty();
  }

  @Test
  void aRecordedRechargeRetriedWithItsKeyIsAnsweredEvenWhileAccountApiIsDown() {
    accountApi.account("10", request -> AccountApiStub.accountExists());
    String key = "order-" + System.nanoTime();
    MvcTestResult first = recharge("10", key);
    accountApi.down();

    MvcTestResult retried = recharge("10", key);

    assertThat(first).hasStatus(HttpStatus.CREATED);
    assertThat(retried).hasStatus(HttpStatus.OK);
    assertThat(retried.getResponse().getHeader("Location"))
        .isEqualTo(first.getResponse().getHeader("Location"));
  }

  private MvcTestResult recharge(String accountNo, String idempotencyKey) {
    var request =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"%s\",\"amount\":\"1.00\"}".formatted(accountNo))
            .with(Credentials.client());
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request.exchange();
  }
}
