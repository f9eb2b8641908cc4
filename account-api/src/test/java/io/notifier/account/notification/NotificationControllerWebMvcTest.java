package io.notifier.account.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.notifier.account.Credentials;
import io.notifier.account.security.SecurityConfiguration;
import io.notifier.account.settlement.SettlementService;
import io.notifier.account.settlement.SettlementSource;
import io.notifier.web.ApiEdgeAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The notification endpoint alone, without a database, behind account-api's security: what is
 * acknowledged, and what is refused before it settles anything.
 */
@WebMvcTest(NotificationController.class)
@ImportAutoConfiguration(ApiEdgeAutoConfiguration.class)
@Import(SecurityConfiguration.class)
@ActiveProfiles("test")
class NotificationControllerWebMvcTest {

  @Autowired MockMvcTester mvc;
  @MockitoBean SettlementService settlement;

  @Test
  void aPaidNotificationIsSettledAsANotificationAndAcknowledged() {
    given(settlement.settle(any(), any())).willReturn(true);

    MvcTestResult result =
        post("{\"txNo\":\"tx-1\",\"accountNo\":\"1\",\"amount\":\"1.10\",\"result\":\"success\"}");

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("SUCCESS");
    assertThat(result).bodyJson().extractingPath("$.credited").isEqualTo(true);
    verify(settlement)
        .settle(
            argThat(paid -> paid.amount().toPlainString().equals("1.10")),
            eq(SettlementSource.NOTIFICATION));
  }

  @Test
  void aFailedPaymentIsAcknowledgedWithoutSettling() {
    MvcTestResult result =
        post("{\"txNo\":\"tx-1\",\"accountNo\":\"1\",\"amount\":\"1.00\",\"result\":\"fail\"}");

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.credited").isEqualTo(false);
    verifyNoInteractions(settlement);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          txNo   | {"accountNo":"1","amount":"1.00","result":"success"}               | is required
          result | {"txNo":"t1","accountNo":"1","amount":"1.00","result":"maybe"}     | must be 'success' or 'fail'
          amount | {"txNo":"t1","accountNo":"1","amount":"1.001","result":"success"}  | must have at most 2 decimal places
          """)
  void anInvalidFieldIsAProblemNamingItAndSettlesNothing(
      String field, String body, String message) {
    MvcTestResult result = post(body);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo(message);
    verifyNoInteractions(settlement);
  }

  @Test
  void anUnsignedNotificationIsRefusedBeforeAnythingIsSettled() {
    MvcTestResult result =
        mvc.post()
            .uri("/api/notifications")
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"txNo\":\"tx-1\",\"accountNo\":\"1\",\"amount\":\"1.00\",\"result\":\"success\"}")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).headers().hasValue("WWW-Authenticate", "Bearer");
    verifyNoInteractions(settlement);
  }

  private MvcTestResult post(String body) {
    return mvc.post()
        .uri("/api/notifications")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .with(Credentials.notifier())
        .exchange();
  }
}
