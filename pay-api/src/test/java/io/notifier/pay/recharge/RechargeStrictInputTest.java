package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.pay.Credentials;
import io.notifier.pay.PayApiIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A recharge body is read as written or refused: no key twice, strings for identifiers, and the
 * amount as a plain decimal string. Each refusal names the field in the API's words and records
 * nothing.
 */
class RechargeStrictInputTest extends PayApiIntegrationTest {

  /** What Jackson's and Spring's own messages would have shown. */
  private static final String[] INTERNALS = {
    "java", "jackson", "io.notifier", "Exception", "`", "RechargeRequest", "FEATURE", "DETECTION"
  };

  @ParameterizedTest(name = "{1}: {0} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          amount    | {"accountNo":"2","amount":"1","amount":"999999"}   | appears more than once
          accountNo | {"accountNo":"2","accountNo":"1","amount":"1.00"}  | appears more than once
          accountNo | {"accountNo":true,"amount":"1.00"}                 | must be a string
          accountNo | {"accountNo":2,"amount":"1.00"}                    | must be a string
          accountNo | {"accountNo":2.5,"amount":"1.00"}                  | must be a string
          accountNo | {"accountNo":["2"],"amount":"1.00"}                | must be a string
          accountNo | {"accountNo":{"no":"2"},"amount":"1.00"}           | must be a string
          amount    | {"accountNo":"2","amount":12.5}                    | must be a string such as "100.00"
          amount    | {"accountNo":"2","amount":1}                       | must be a string such as "100.00"
          amount    | {"accountNo":"2","amount":true}                    | must be a string such as "100.00"
          amount    | {"accountNo":"2","amount":["1.00"]}                | must be a string such as "100.00"
          amount    | {"accountNo":"2","amount":"1e3"}                   | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":".5"}                    | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"+1.00"}                 | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"-1.00"}                 | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"00001.00"}              | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":" 1.00"}                 | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"1.00 "}                 | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"1.00\\t"}               | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"1.00\\u0000"}           | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"1."}                    | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"1,00"}                  | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"１.00"}                  | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"NaN"}                   | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":""}                      | must be a plain decimal such as "100.00"
          amount    | {"accountNo":"2","amount":"1.000"}                 | must have at most 2 decimal places
          """)
  void aFieldNotAsWrittenIsNamedAndRecordsNothing(String field, String body, String message) {
    long before = recharges();

    MvcTestResult result = recharge(body);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.errors[0].message")
        .asString()
        .startsWith(message);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.detail")
        .asString()
        .startsWith(field + " " + message);
    assertThat(result).bodyText().doesNotContain(INTERNALS);
    assertThat(recharges()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"accountNo":"1","amount":"1.00"} {}      | The body must be one JSON object.
          [{"accountNo":"1","amount":"1.00"}]       | The body must be one JSON object.
          "1.00"                                    | The body must be one JSON object.
          {"accountNo":"1","amount":"1.00"          | The body is not valid JSON at line 1, column 33.
          {"accountNo":"1",,"amount":"1.00"}        | The body is not valid JSON at line 1, column 18.
          {"accountNo":"1","amount":"1.00",}        | The body is not valid JSON at line 1, column 34.
          """)
  void aBodyThatIsNotOneJsonObjectSaysWhereAndRecordsNothing(String body, String detail) {
    long before = recharges();

    MvcTestResult result = recharge(body);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unreadable request body");
    assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail);
    assertThat(recharges()).isEqualTo(before);
  }

  private MvcTestResult recharge(String body) {
    return mvc.post()
        .uri("/api/recharges")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .with(Credentials.client())
        .exchange();
  }
}
