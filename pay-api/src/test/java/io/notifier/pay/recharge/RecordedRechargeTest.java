package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;

import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Once a recharge's row is committed, nothing on the request's path turns the answer into an error.
 */
class RecordedRechargeTest extends PayApiIntegrationTest {

  @MockitoSpyBean RechargeRepository recharges;

  @Test
  void aFailureAfterTheCommitStillAnswers201WithExactlyOneRechargeAndItIsNotified() {
    doThrow(new QueryTimeoutException("injected: the database stalls after the commit"))
        .when(recharges)
        .markNotificationStarted(anyString(), any());
    long before = recharges();

    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"1\",\"amount\":\"9.00\"}")
            .with(Credentials.client())
            .exchange();

    assertThat(result).hasStatus(HttpStatus.CREATED);
    assertThat(recharges()).isEqualTo(before + 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(accountApi.notificationsReceived())
                    .anySatisfy(
                        notification ->
                            assertThat(notification.body()).contains("\"amount\":\"9.00\"")));
  }
}
