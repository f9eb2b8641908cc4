package io.notifier.account.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Credentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@AccountApiTest
class AccountControllerTest {

  @Autowired MockMvcTester mvc;

  @Test
  void theSeedAccountsExistWithNameAndABalanceInCents() {
    MvcTestResult result = mvc.get().uri("/api/accounts/2").with(Credentials.client()).exchange();

    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.accountNo").isEqualTo("2");
    assertThat(result).bodyJson().extractingPath("$.accountName").isEqualTo("李四");
    assertThat(result).bodyJson().extractingPath("$.balance").asString().matches("\\d+\\.\\d{2}");
  }

  @Test
  void anUnknownAccountIsNotFound() {
    MvcTestResult result = mvc.get().uri("/api/accounts/999").with(Credentials.client()).exchange();

    assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(result).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("There is no account 999.");
  }

  @Test
  void aMalformedAccountNumberIsABadRequest() {
    MvcTestResult result =
        mvc.get().uri("/api/accounts/{no}", "no way").with(Credentials.client()).exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("accountNo");
  }
}
