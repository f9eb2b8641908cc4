package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import io.notifier.pay.Credentials;
import io.notifier.pay.security.SecurityConfiguration;
import io.notifier.web.ApiEdgeAutoConfiguration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
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
 * The recharge endpoints alone, without a database or Temporal, behind pay-api's security: how a
 * request is answered, and that one refused never reaches the service.
 */
@WebMvcTest(RechargeController.class)
@ImportAutoConfiguration(ApiEdgeAutoConfiguration.class)
@Import(SecurityConfiguration.class)
@ActiveProfiles("test")
class RechargeControllerWebMvcTest {

  private static final Recharge RECORDED =
      new Recharge(
          "tx-1",
          "1",
          new BigDecimal("100.00"),
          Recharge.SUCCESS,
          "shop",
          null,
          Instant.parse("2026-11-26T08:00:00Z"),
          null);

  @Autowired MockMvcTester mvc;
  @MockitoBean RechargeService recharges;

  @Test
  void aNewRechargeIs201WithItsLocationAndItsAmountAsAString() {
    given(recharges.recharge(eq("shop"), any(), eq(null)))
        .willReturn(new RechargeService.Recorded(RECORDED, true));

    MvcTestResult result = post("{\"accountNo\":\"1\",\"amount\":\"100.00\"}");

    assertThat(result).hasStatus(HttpStatus.CREATED);
    assertThat(result).headers().hasValue("Location", "/api/recharges/tx-1");
    assertThat(result).bodyJson().extractingPath("$.amount").isEqualTo("100.00");
  }

  @Test
  void aRechargeRecordedByAnEarlierRequestIs200() {
    given(recharges.recharge(eq("shop"), any(), eq("key-1")))
        .willReturn(new RechargeService.Recorded(RECORDED, false));

    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .header("Idempotency-Key", "key-1")
            .with(Credentials.client())
            .content("{\"accountNo\":\"1\",\"amount\":\"100.00\"}")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.OK);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          accountNo | {"amount":"1.00"}                       | is required
          amount    | {"accountNo":"1","amount":"0.00"}       | must be at least 0.01
          amount    | {"accountNo":"1","amount":"10.999"}     | must have at most 2 decimal places
          """)
  void anInvalidFieldIsAProblemNamingItAndNeverReachesTheService(
      String field, String body, String message) {
    MvcTestResult result = post(body);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo(message);
    verifyNoInteractions(recharges);
  }

  @Test
  void anUnknownTxNoIsAProblemNotFound() {
    given(recharges.find("tx-unknown")).willReturn(Optional.empty());

    MvcTestResult result =
        mvc.get().uri("/api/recharges/{txNo}", "tx-unknown").with(Credentials.client()).exchange();

    assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown txNo");
  }

  @Test
  void aRechargeWithoutAKeyIsRefusedBeforeItReachesTheService() {
    MvcTestResult result =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"1\",\"amount\":\"100.00\"}")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).headers().hasValue("WWW-Authenticate", "Bearer");
    verifyNoInteractions(recharges);
  }

  private MvcTestResult post(String body) {
    return mvc.post()
        .uri("/api/recharges")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .with(Credentials.client())
        .exchange();
  }
}
