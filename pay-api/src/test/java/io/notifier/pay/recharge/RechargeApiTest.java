package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

class RechargeApiTest extends PayApiIntegrationTest {

  private static final String UUID_V7 =
      "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  @Test
  void aRechargeIsRecordedAndAnsweredWithItsLocation() {
    MvcTestResult result = recharge("{\"accountNo\":\"1\",\"amount\":\"100.00\"}", null);

    assertThat(result).hasStatus(HttpStatus.CREATED);
    String txNo = txNoOf(result);
    assertThat(txNo).matches(UUID_V7);
    assertThat(result).headers().hasValue("Location", "/api/recharges/" + txNo);
    assertThat(result).bodyJson().extractingPath("$.accountNo").isEqualTo("1");
    assertThat(result).bodyJson().extractingPath("$.amount").isEqualTo("100.00");
    assertThat(result).bodyJson().extractingPath("$.result").isEqualTo("success");
    assertThat(result).bodyJson().extractingPath("$.createdAt").asString().isNotBlank();
  }

  @Test
  void theQueryInterfaceAnswersWhatWasRecorded() {
    String txNo = txNoOf(recharge("{\"accountNo\":\"2\",\"amount\":\"12.5\"}", null));

    MvcTestResult result =
        mvc.get().uri("/api/recharges/{txNo}", txNo).with(Credentials.client()).exchange();

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.txNo").isEqualTo(txNo);
    assertThat(result).bodyJson().extractingPath("$.accountNo").isEqualTo("2");
    assertThat(result).bodyJson().extractingPath("$.amount").isEqualTo("12.50");
    assertThat(result).bodyJson().extractingPath("$.result").isEqualTo("success");
  }

  @Test
  void aRechargeIsNotifiedToTheAccountSystem() {
    String txNo = txNoOf(recharge("{\"accountNo\":\"1\",\"amount\":\"7.00\"}", null));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(accountApi.notificationsReceived())
                    .anySatisfy(
                        request ->
                            assertThat(request.body())
                                .contains(
                                    "\"txNo\":\"" + txNo + "\"",
                                    "\"accountNo\":\"1\"",
                                    "\"amount\":\"7.00\"",
                                    "\"result\":\"success\"")));
  }

  @Test
  void theNotificationCarriesTheNotifiersSignatureOverItsBodyWithTheTxNoAsItsId() {
    String txNo = txNoOf(recharge("{\"accountNo\":\"2\",\"amount\":\"8.00\"}", null));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(accountApi.notificationsReceived())
                    .filteredOn(request -> txNo.equals(request.header("webhook-id")))
                    .singleElement()
                    .satisfies(
                        request ->
                            assertThatCode(
                                    () ->
                                        new Webhook(Credentials.SECRET)
                                            .verify(request.body(), request.headers()))
                                .doesNotThrowAnyException()));
  }

  @Test
  void aRepeatedIdempotencyKeyReturnsTheOriginalAndStartsNothingNew() {
    String key = "key-" + UUID.randomUUID();
    String body = "{\"accountNo\":\"1\",\"amount\":\"5.00\"}";
    String txNo = txNoOf(recharge(body, key));
    long before = recharges();

    MvcTestResult again = recharge(body, key);

    assertThat(again).hasStatus(HttpStatus.OK);
    assertThat(txNoOf(again)).isEqualTo(txNo);
    assertThat(recharges()).isEqualTo(before);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        mvc.get()
                            .uri("/api/recharges/{txNo}/notification", txNo)
                            .with(Credentials.client())
                            .exchange())
                    .bodyJson()
                    .extractingPath("$.status")
                    .isEqualTo("NOTIFIED"));
    assertThat(notificationsOf(txNo)).isEqualTo(1);
  }

  @Test
  void idempotencyKeysThatDifferOnlyInCaseAreTwoRecharges() {
    String key = "CaseKey-" + UUID.randomUUID();
    String body = "{\"accountNo\":\"1\",\"amount\":\"5.00\"}";
    long before = recharges();

    MvcTestResult first = recharge(body, key);
    MvcTestResult second = recharge(body, key.toLowerCase(Locale.ROOT));

    assertThat(first).hasStatus(HttpStatus.CREATED);
    assertThat(second).hasStatus(HttpStatus.CREATED);
    assertThat(txNoOf(second)).isNotEqualTo(txNoOf(first));
    assertThat(recharges()).isEqualTo(before + 2);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherRequestIsAConflictAndChangesNothing() {
    String key = "key-" + UUID.randomUUID();
    recharge("{\"accountNo\":\"1\",\"amount\":\"5.00\"}", key);
    long before = recharges();

    MvcTestResult other = recharge("{\"accountNo\":\"1\",\"amount\":\"6.00\"}", key);

    assertThat(other).hasStatus(HttpStatus.CONFLICT);
    assertThat(other).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(other).bodyJson().extractingPath("$.title").isEqualTo("Idempotency-Key reused");
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void concurrentRequestsWithOneIdempotencyKeyRecordOneRecharge() {
    String key = "key-" + UUID.randomUUID();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/api/recharges"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .header("Authorization", "Bearer " + Credentials.CLIENT_KEY)
            .POST(HttpRequest.BodyPublishers.ofString("{\"accountNo\":\"2\",\"amount\":\"3.00\"}"))
            .build();
    long before = recharges();

    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = responses.stream().map(r -> r.join().statusCode()).toList();

    assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
    assertThat(recharges()).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          accountNo | {"amount":"1.00"}                          | is required
          accountNo | {"accountNo":"","amount":"1.00"}           | must be 1 to 32 letters, digits, '_' or '-'
          accountNo | {"accountNo":"1; DROP","amount":"1.00"}    | must be 1 to 32 letters, digits, '_' or '-'
          amount    | {"accountNo":"1"}                          | is required
          amount    | {"accountNo":"1","amount":"0.00"}          | must be at least 0.01
          amount    | {"accountNo":"1","amount":"10.999"}        | must have at most 2 decimal places
          amount    | {"accountNo":"1","amount":"99999999999"}   | must be at most 1000000.00
          """)
  void invalidFieldsAreNamedInAProblemAndRecordNothing(String field, String body, String message) {
    long before = recharges();

    MvcTestResult result = recharge(body, null);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo(message);
    assertThat(recharges()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"accountNo\":", "[]", ""})
  void anUnreadableBodyIsABadRequestAndRecordsNothing(String body) {
    long before = recharges();

    MvcTestResult result = recharge(body, null);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unreadable request body");
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void anUnusableIdempotencyKeyIsABadRequestAndRecordsNothing() {
    long before = recharges();

    MvcTestResult result = recharge("{\"accountNo\":\"1\",\"amount\":\"1.00\"}", "k".repeat(129));

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("idempotencyKey");
    assertThat(recharges()).isEqualTo(before);
  }

  @Test
  void anUnknownTxNoIsNotFoundAndAMalformedOneABadRequest() {
    assertThat(
            mvc.get()
                .uri("/api/recharges/{txNo}", "no-such-tx")
                .with(Credentials.client())
                .exchange())
        .hasStatus(HttpStatus.NOT_FOUND)
        .bodyJson()
        .extractingPath("$.title")
        .isEqualTo("Unknown txNo");
    assertThat(
            mvc.get().uri("/api/recharges/{txNo}", "bad tx").with(Credentials.client()).exchange())
        .hasStatus(HttpStatus.BAD_REQUEST);
  }

  private MvcTestResult recharge(String body, String idempotencyKey) {
    var request =
        mvc.post()
            .uri("/api/recharges")
            .contentType(MediaType.APPLICATION_JSON)
            .with(Credentials.client());
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request.content(body).exchange();
  }

  private static String txNoOf(MvcTestResult result) {
    String location = result.getResponse().getHeader("Location");
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
