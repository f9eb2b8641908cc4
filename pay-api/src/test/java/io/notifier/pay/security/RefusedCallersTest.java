package io.notifier.pay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import io.notifier.testing.AccountApiStub;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Each caller does what its key allows and nothing else: clients take recharges and read their own,
 * account-api reads the query interface, operators read anything and reconcile. Every refusal is
 * problem+json and records nothing.
 */
class RefusedCallersTest extends PayApiIntegrationTest {

  private static final RequestPostProcessor NO_CREDENTIAL = request -> request;

  @Test
  void aRechargeWithoutAKeyOrWithAWrongOneIsRefusedAndRecordsNothing() {
    long before = recharges();

    MvcTestResult anonymous = recharge(NO_CREDENTIAL, null);
    MvcTestResult wrongKey = recharge(Credentials.key("guessed-key"), null);

    assertProblem(anonymous, HttpStatus.UNAUTHORIZED);
    assertThat(anonymous).headers().hasValue("WWW-Authenticate", "Bearer");
    assertThat(anonymous)
        .bodyJson()
        .extractingPath("$.detail")
        .isEqualTo("An API key is required: Authorization: Bearer <key>.");
    assertProblem(wrongKey, HttpStatus.UNAUTHORIZED);
    assertThat(wrongKey).headers().hasValue("WWW-Authenticate", "Bearer");
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void onlyAClientTakesRecharges() {
    long before = recharges();

    MvcTestResult operator = recharge(Credentials.operator(), null);
    MvcTestResult query = recharge(Credentials.query(), null);

    assertProblem(operator, HttpStatus.FORBIDDEN);
    assertProblem(query, HttpStatus.FORBIDDEN);
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void theQueryInterfaceAnswersItsOwnClientAccountApiAndOperatorsButNobodyUnknown() {
    String txNo = txNoOf(recharge(Credentials.client(), null));

    assertThat(read("/api/recharges/{txNo}", txNo, Credentials.client())).hasStatusOk();
    assertThat(read("/api/recharges/{txNo}", txNo, Credentials.query())).hasStatusOk();
    assertThat(read("/api/recharges/{txNo}", txNo, Credentials.operator())).hasStatusOk();
    assertProblem(read("/api/recharges/{txNo}", txNo, NO_CREDENTIAL), HttpStatus.UNAUTHORIZED);
    assertProblem(
        read("/api/recharges/{txNo}", txNo, Credentials.key("guessed-key")),
        HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aNotificationIsReadByItsClientAndOperatorsOnly() {
    String txNo = txNoOf(recharge(Credentials.client(), null));
    String path = "/api/recharges/{txNo}/notification";

    assertThat(read(path, txNo, Credentials.client())).hasStatusOk();
    assertThat(read(path, txNo, Credentials.operator())).hasStatusOk();
    assertProblem(read(path, txNo, Credentials.query()), HttpStatus.FORBIDDEN);
    assertProblem(read(path, txNo, NO_CREDENTIAL), HttpStatus.UNAUTHORIZED);
  }

  @Test
  void onlyAnOperatorReconcilesRetriesOrCloses() {
    accountApi.notifications(request -> AccountApiStub.unavailable());
    String txNo = txNoOf(recharge(Credentials.client(), null));
    for (String move : List.of("reconcile", "retry", "close")) {
      String path = "/api/recharges/{txNo}/notification/" + move;

      assertProblem(post(path, txNo, NO_CREDENTIAL), HttpStatus.UNAUTHORIZED);
      assertProblem(post(path, txNo, Credentials.client()), HttpStatus.FORBIDDEN);
      assertProblem(post(path, txNo, Credentials.query()), HttpStatus.FORBIDDEN);
    }
    assertThat(accountApi.reconciliationsReceived(txNo)).isEmpty();
  }

  @Test
  void anotherClientsRechargeIsNotFoundExactlyAsAnUnknownOne() {
    String txNo = txNoOf(recharge(Credentials.client(), null));
    String unknown = "tx-" + UUID.randomUUID();

    MvcTestResult others = read("/api/recharges/{txNo}", txNo, Credentials.otherClient());
    MvcTestResult nobodys = read("/api/recharges/{txNo}", unknown, Credentials.otherClient());
    MvcTestResult othersNotification =
        read("/api/recharges/{txNo}/notification", txNo, Credentials.otherClient());

    assertProblem(others, HttpStatus.NOT_FOUND);
    assertProblem(othersNotification, HttpStatus.NOT_FOUND);
    assertThat(bodyOf(others).replace(txNo, "<txNo>"))
        .isEqualTo(bodyOf(nobodys).replace(unknown, "<txNo>"));
    assertThat(others).bodyJson().extractingPath("$.title").isEqualTo("Unknown txNo");
  }

  @Test
  void theSameIdempotencyKeyFromTwoClientsIsTwoRecharges() {
    String key = "order-" + UUID.randomUUID();
    long before = recharges();

    MvcTestResult shops = recharge(Credentials.client(), key);
    MvcTestResult others = recharge(Credentials.otherClient(), key);
    MvcTestResult shopsAgain = recharge(Credentials.client(), key);

    assertThat(shops).hasStatus(HttpStatus.CREATED);
    assertThat(others).hasStatus(HttpStatus.CREATED);
    assertThat(txNoOf(others)).isNotEqualTo(txNoOf(shops));
    assertThat(shopsAgain).hasStatus(HttpStatus.OK);
    assertThat(txNoOf(shopsAgain)).isEqualTo(txNoOf(shops));
    assertThat(recharges()).isEqualTo(before + 2);
    assertThat(clientOf(txNoOf(shops))).isEqualTo("shop");
    assertThat(clientOf(txNoOf(others))).isEqualTo("other");
  }

  @Test
  void healthIsOpenAndMetricsAreAnOperatorsOnly() {
    assertThat(mvc.get().uri("/actuator/health/liveness").exchange()).hasStatusOk();
    assertProblem(mvc.get().uri("/actuator/metrics").exchange(), HttpStatus.UNAUTHORIZED);
    assertProblem(
        mvc.get().uri("/actuator/prometheus").with(Credentials.client()).exchange(),
        HttpStatus.FORBIDDEN);
    assertThat(mvc.get().uri("/actuator/metrics").with(Credentials.operator()).exchange())
        .hasStatusOk();
  }

  private MvcTestResult recharge(RequestPostProcessor credential, String idempotencyKey) {
    var request =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"accountNo\":\"1\",\"amount\":\"1.00\"}")
            .with(credential);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request.exchange();
  }

  private MvcTestResult read(String path, String txNo, RequestPostProcessor credential) {
    return mvc.get().uri(path, txNo).with(credential).exchange();
  }

  private MvcTestResult post(String path, String txNo, RequestPostProcessor credential) {
    return mvc.post().uri(path, txNo).with(credential).exchange();
  }

  private String clientOf(String txNo) {
    return jdbc.sql("SELECT client_id FROM account_pay WHERE tx_no = ?")
        .param(txNo)
        .query(String.class)
        .single();
  }

  private static String txNoOf(MvcTestResult result) {
    return JsonPath.read(bodyOf(result), "$.txNo");
  }

  private static String bodyOf(MvcTestResult result) {
    try {
      return result.getResponse().getContentAsString();
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertProblem(MvcTestResult result, HttpStatus status) {
    assertThat(result).hasStatus(status);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
  }
}
