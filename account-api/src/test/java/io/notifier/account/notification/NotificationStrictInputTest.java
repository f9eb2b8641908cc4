package io.notifier.account.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Credentials;
import io.notifier.account.Ledger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A notification is read as written or refused: no key twice, strings for identifiers and the
 * result, and the amount as a plain decimal string. Each refusal names the field in the API's words
 * and credits nothing.
 */
@AccountApiTest
class NotificationStrictInputTest {

  /** What Jackson's and Spring's own messages would have shown. */
  private static final String[] INTERNALS = {
    "java", "jackson", "io.notifier", "Exception", "`", "NotificationRequest", "DETECTION"
  };

  @Autowired MockMvcTester mvc;
  @Autowired Ledger ledger;

  @ParameterizedTest(name = "{1}: {0} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          amount    | {"txNo":"t1","accountNo":"2","amount":"1","amount":"999999","result":"success"} | appears more than once
          result    | {"txNo":"t1","accountNo":"2","amount":"1.00","result":"fail","result":"success"} | appears more than once
          txNo      | {"txNo":"t1","txNo":"t2","accountNo":"2","amount":"1.00","result":"success"}    | appears more than once
          accountNo | {"txNo":"t1","accountNo":"1","accountNo":"2","amount":"1.00","result":"success"} | appears more than once
          txNo      | {"txNo":true,"accountNo":"2","amount":"1.00","result":"success"}     | must be a string
          txNo      | {"txNo":1,"accountNo":"2","amount":"1.00","result":"success"}        | must be a string
          accountNo | {"txNo":"t1","accountNo":true,"amount":"1.00","result":"success"}    | must be a string
          accountNo | {"txNo":"t1","accountNo":2,"amount":"1.00","result":"success"}       | must be a string
          result    | {"txNo":"t1","accountNo":"2","amount":"1.00","result":true}          | must be a string
          result    | {"txNo":"t1","accountNo":"2","amount":"1.00","result":["success"]}   | must be a string
          amount    | {"txNo":"t1","accountNo":"2","amount":1,"result":"success"}          | must be a string such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":1e2,"result":"success"}        | must be a string such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":true,"result":"success"}       | must be a string such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":[1],"result":"success"}        | must be a string such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"lots","result":"success"}     | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"1e3","result":"success"}      | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"1e400","result":"success"}    | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":".5","result":"success"}       | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"+1.00","result":"success"}    | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"-5.00","result":"success"}    | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"00001.00","result":"success"} | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":" 1.00","result":"success"}    | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"1.00\\t","result":"success"}  | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"1.00\\u0000","result":"success"} | must be a plain decimal such as "100.00"
          amount    | {"txNo":"t1","accountNo":"2","amount":"1.000","result":"success"}    | must have at most 2 decimal places
          """)
  void aFieldNotAsWrittenIsNamedAndCreditsNothing(String field, String body, String message) {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result =
        mvc.post()
            .uri("/api/notifications")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)
            .with(Credentials.notifier())
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.errors[0].message")
        .asString()
        .startsWith(message);
    assertThat(result).bodyText().doesNotContain(INTERNALS);
    assertThat(ledger.snapshot()).isEqualTo(before);
  }
}
