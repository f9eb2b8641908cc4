package io.notifier.account.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Credentials;
import io.notifier.account.Ledger;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@AccountApiTest
class NotificationControllerTest {

  @Autowired MockMvcTester mvc;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void aPaidNotificationCreditsTheAccount() {
    String txNo = newTxNo();
    BigDecimal before = ledger.balanceOf("1");

    MvcTestResult result = post(notification(txNo, "1", "\"100.00\"", "success"));

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("SUCCESS");
    assertThat(result).bodyJson().extractingPath("$.txNo").isEqualTo(txNo);
    assertThat(result).bodyJson().extractingPath("$.credited").isEqualTo(true);
    assertThat(ledger.balanceOf("1")).isEqualByComparingTo(before.add(new BigDecimal("100.00")));
    assertThat(ledger.sourceOf(txNo)).isEqualTo("NOTIFICATION");
  }

  @Test
  void aDuplicateIsAcknowledgedWithoutASecondCredit() {
    String txNo = newTxNo();
    BigDecimal before = ledger.balanceOf("2");
    post(notification(txNo, "2", "\"30.50\"", "success"));

    MvcTestResult duplicate = post(notification(txNo, "2", "\"30.50\"", "success"));

    assertThat(duplicate).hasStatusOk();
    assertThat(duplicate).bodyJson().extractingPath("$.status").isEqualTo("SUCCESS");
    assertThat(duplicate).bodyJson().extractingPath("$.credited").isEqualTo(false);
    assertThat(ledger.balanceOf("2")).isEqualByComparingTo(before.add(new BigDecimal("30.50")));
    assertThat(ledger.settlementsOf(txNo)).isEqualTo(1);
  }

  @Test
  void twoTxNosThatDifferOnlyInCaseAreTwoCredits() {
    String txNo = "Tx-" + UUID.randomUUID();
    BigDecimal before = ledger.balanceOf("2");

    MvcTestResult first = post(notification(txNo, "2", "\"1.00\"", "success"));
    MvcTestResult second =
        post(notification(txNo.toLowerCase(Locale.ROOT), "2", "\"1.00\"", "success"));

    assertThat(first).bodyJson().extractingPath("$.credited").isEqualTo(true);
    assertThat(second).bodyJson().extractingPath("$.credited").isEqualTo(true);
    assertThat(ledger.balanceOf("2")).isEqualByComparingTo(before.add(new BigDecimal("2.00")));
    assertThat(ledger.settlementsOf(txNo)).isEqualTo(1);
    assertThat(ledger.settlementsOf(txNo.toLowerCase(Locale.ROOT))).isEqualTo(1);
  }

  @Test
  void anAccountNumberThatDiffersOnlyInCaseIsAnotherAccount() {
    String accountNo = "Acc-" + UUID.randomUUID().toString().substring(0, 8);
    String other = accountNo.toUpperCase(Locale.ROOT);
    open(accountNo);
    open(other);

    MvcTestResult result = post(notification(newTxNo(), other, "\"3.00\"", "success"));

    assertThat(result).bodyJson().extractingPath("$.credited").isEqualTo(true);
    assertThat(ledger.balanceOf(other)).isEqualByComparingTo("3.00");
    assertThat(ledger.balanceOf(accountNo)).isEqualByComparingTo("0.00");
  }

  @Test
  void anAmountSentAsAJsonNumberIsRefusedAndChangesNothing() {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = post(notification(newTxNo(), "1", "0.1", "success"));

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("amount");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.errors[0].message")
        .isEqualTo("must be a string such as \"100.00\"");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aFailedPaymentIsAcknowledgedAndCreditsNothing() {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = post(notification(newTxNo(), "1", "\"100.00\"", "fail"));

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.credited").isEqualTo(false);
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void anUnknownAccountIsRejectedAndNothingIsRecorded() {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = post(notification(newTxNo(), "404", "\"100.00\"", "success"));

    assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown account");
    assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("404");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void theSameTxNoWithAnotherAmountIsAConflictAndChangesNothing() {
    String txNo = newTxNo();
    post(notification(txNo, "1", "\"10.00\"", "success"));
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = post(notification(txNo, "1", "\"99.00\"", "success"));

    assertThat(result).hasStatus(HttpStatus.CONFLICT);
    assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("10.00", "99.00");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          txNo      | {"accountNo":"1","amount":"1.00","result":"success"}                  | is required
          txNo      | {"txNo":"tx 1!","accountNo":"1","amount":"1.00","result":"success"}   | must be 1 to 64 letters, digits, '_' or '-'
          accountNo | {"txNo":"t1","amount":"1.00","result":"success"}                      | is required
          accountNo | {"txNo":"t1","accountNo":"","amount":"1.00","result":"success"}       | must be 1 to 32 letters, digits, '_' or '-'
          amount    | {"txNo":"t1","accountNo":"1","result":"success"}                      | is required
          amount    | {"txNo":"t1","accountNo":"1","amount":"0","result":"success"}         | must be at least 0.01
          amount    | {"txNo":"t1","accountNo":"1","amount":"1.001","result":"success"}     | must have at most 2 decimal places
          amount    | {"txNo":"t1","accountNo":"1","amount":"1000000.01","result":"success"}| must be at most 1000000.00
          result    | {"txNo":"t1","accountNo":"1","amount":"1.00"}                         | is required
          result    | {"txNo":"t1","accountNo":"1","amount":"1.00","result":"maybe"}        | must be 'success' or 'fail'
          """)
  void invalidFieldsAreNamedInAProblemAndChangeNothing(String field, String body, String message) {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = post(body);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo(message);
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"txNo\":\"t1\",", "not json", ""})
  void anUnreadableBodyIsABadRequestAndChangesNothing(String body) {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = post(body);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unreadable request body");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aWronglyTypedFieldIsNamed() {
    MvcTestResult result =
        post("{\"txNo\":\"t1\",\"accountNo\":\"1\",\"amount\":\"lots\",\"result\":\"success\"}");

    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("amount");
  }

  private void open(String accountNo) {
    jdbc.sql(
            "INSERT INTO account_info (account_no, account_name, account_balance)"
                + " VALUES (?, ?, 0.00)")
        .params(accountNo, "account " + accountNo)
        .update();
  }

  private MvcTestResult post(String body) {
    return mvc.post()
        .uri("/api/notifications")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .with(Credentials.notifier())
        .exchange();
  }

  static String notification(String txNo, String accountNo, String amountJson, String result) {
    return """
        {"txNo":"%s","accountNo":"%s","amount":%s,"result":"%s"}"""
        .formatted(txNo, accountNo, amountJson, result);
  }

  static String newTxNo() {
    return "tx-" + UUID.randomUUID();
  }
}
