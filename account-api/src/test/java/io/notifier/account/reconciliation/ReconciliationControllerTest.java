package io.notifier.account.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Credentials;
import io.notifier.account.Ledger;
import io.notifier.testing.StubHttpServer;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The account system asks pay-api (a stub here; the real one in the end-to-end tests). */
@AccountApiTest
class ReconciliationControllerTest {

  static final StubHttpServer payApi = StubHttpServer.start();

  /** pay-api behind a gateway, under a base path of its own that every query must keep. */
  static final String BASE = "/pay-api";

  @DynamicPropertySource
  static void payApiUrl(DynamicPropertyRegistry registry) {
    registry.add("pay-api.url", () -> payApi.uri() + BASE);
  }

  @AfterAll
  static void stopPayApi() {
    payApi.close();
  }

  @Autowired MockMvcTester mvc;
  @Autowired Ledger ledger;

  @Test
  void aPaidRechargeIsSettledOnceHoweverOftenItIsChecked() {
    String txNo = paid("1", "88.80");
    BigDecimal before = ledger.balanceOf("1");

    MvcTestResult first = reconcile(txNo);
    MvcTestResult second = reconcile(txNo);

    assertThat(first).hasStatusOk();
    assertThat(first).bodyJson().extractingPath("$.txNo").isEqualTo(txNo);
    assertThat(first).bodyJson().extractingPath("$.payResult").isEqualTo("success");
    assertThat(first).bodyJson().extractingPath("$.settled").isEqualTo(true);
    assertThat(first).bodyJson().extractingPath("$.alreadySettled").isEqualTo(false);
    assertThat(second).bodyJson().extractingPath("$.settled").isEqualTo(false);
    assertThat(second).bodyJson().extractingPath("$.alreadySettled").isEqualTo(true);
    assertThat(ledger.balanceOf("1")).isEqualByComparingTo(before.add(new BigDecimal("88.80")));
    assertThat(ledger.sourceOf(txNo)).isEqualTo("RECONCILIATION");
  }

  @Test
  void aRechargeThatPayApiReportsAsFailedCreditsNothing() {
    String txNo = "tx-" + UUID.randomUUID();
    payApi.answer(BASE + "/api/recharges/" + txNo, 200, recharge(txNo, "1", "5.00", "fail"));
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = reconcile(txNo);

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.payResult").isEqualTo("fail");
    assertThat(result).bodyJson().extractingPath("$.settled").isEqualTo(false);
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aTxNoUnknownToPayApiIsNotFoundOfTheProblemTypeThatSaysSo() {
    payApi.answer(
        BASE + "/api/recharges/tx-nobody-paid",
        request ->
            new StubHttpServer.Answer(
                404,
                "{\"type\":\"https://notifier.example/problems/unknown-tx-no\",\"status\":404}",
                Map.of("Content-Type", "application/problem+json")));
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = reconcile("tx-nobody-paid");

    assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown txNo");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo("https://notifier.example/problems/unknown-tx-no");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aGatewaysNotFoundInFrontOfPayApiIsABadGatewayNotAnUnknownTxNo() {
    String txNo = "tx-" + UUID.randomUUID();
    payApi.answer(
        BASE + "/api/recharges/" + txNo,
        request ->
            new StubHttpServer.Answer(
                404, "<html>404</html>", Map.of("Content-Type", "text/html")));

    MvcTestResult result = reconcile(txNo);

    assertThat(result).hasStatus(HttpStatus.BAD_GATEWAY);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .isEqualTo(
            "Could not learn from pay-api what became of " + txNo + ": pay-api answered HTTP 404.")
        .doesNotContain("127.0.0.1");
  }

  @Test
  void aResultOtherThanSuccessOrFailIsABadGatewayAndCreditsNothing() {
    String txNo = "tx-" + UUID.randomUUID();
    payApi.answer(BASE + "/api/recharges/" + txNo, 200, recharge(txNo, "1", "5.00", "pending"));
    Ledger.Snapshot before = ledger.snapshot();

    assertThat(reconcile(txNo)).hasStatus(HttpStatus.BAD_GATEWAY);
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void payApiFailingIsABadGatewayAndChangesNothing() {
    String txNo = "tx-" + UUID.randomUUID();
    payApi.answer(BASE + "/api/recharges/" + txNo, 503, "{}");
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = reconcile(txNo);

    assertThat(result).hasStatus(HttpStatus.BAD_GATEWAY);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("pay-api unavailable");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aMalformedTxNoIsABadRequest() {
    MvcTestResult result = reconcile("tx 1!");

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("txNo");
    assertThat(payApi.received()).noneMatch(request -> request.path().contains("tx 1!"));
  }

  @Test
  void payApiIsAskedWithTheQueryKey() {
    String txNo = paid("2", "1.00");

    reconcile(txNo);

    assertThat(payApi.received("GET", BASE + "/api/recharges/" + txNo))
        .singleElement()
        .satisfies(
            asked -> assertThat(asked.header("Authorization")).isEqualTo("Bearer test-query-key"));
  }

  @Test
  void anOperatorMayReconcileToo() {
    String txNo = paid("1", "2.00");

    MvcTestResult result =
        mvc.post().uri("/api/reconciliations/{txNo}", txNo).with(Credentials.operator()).exchange();

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.settled").isEqualTo(true);
  }

  @Test
  void withoutACredentialOrWithAClientsKeyNothingIsAskedOrSettled() {
    String txNo = paid("1", "3.00");
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult anonymous = mvc.post().uri("/api/reconciliations/{txNo}", txNo).exchange();
    MvcTestResult client =
        mvc.post().uri("/api/reconciliations/{txNo}", txNo).with(Credentials.client()).exchange();

    assertThat(anonymous).hasStatus(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(client).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(client).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(payApi.received("GET", BASE + "/api/recharges/" + txNo)).isEmpty();
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  /** As pay-api's notifier asks, with pay-api's key. */
  private MvcTestResult reconcile(String txNo) {
    return mvc.post()
        .uri("/api/reconciliations/{txNo}", txNo)
        .with(Credentials.payApi())
        .exchange();
  }

  private static String paid(String accountNo, String amount) {
    String txNo = "tx-" + UUID.randomUUID();
    payApi.answer(
        BASE + "/api/recharges/" + txNo, 200, recharge(txNo, accountNo, amount, "success"));
    return txNo;
  }

  private static String recharge(String txNo, String accountNo, String amount, String result) {
    return """
        {"txNo":"%s","accountNo":"%s","amount":"%s","result":"%s","createdAt":"2026-11-23T10:00:00Z"}"""
        .formatted(txNo, accountNo, amount, result);
  }
}
