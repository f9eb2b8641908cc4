package io.notifier.account.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.account.AccountApiTest;
import io.notifier.account.Credentials;
import io.notifier.account.Ledger;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Nobody but the notifier moves money: a notification is credited only when it carries a signature
 * made with one of account-api's secrets, over this very body, within 5 minutes, as the message of
 * its own txNo; and that signature grants nothing else. Every other caller is refused with
 * problem+json, and nothing changes.
 */
@AccountApiTest
@ExtendWith(OutputCaptureExtension.class)
class RefusedCallersTest {

  @Autowired MockMvcTester mvc;
  @Autowired Ledger ledger;

  @Test
  void aNotificationSignedByTheNotifierCredits() {
    BigDecimal before = ledger.balanceOf("1");

    MvcTestResult result = notify(notification("5.00"), Credentials.notifier());

    assertThat(result).hasStatusOk();
    assertThat(ledger.balanceOf("1")).isEqualByComparingTo(before.add(new BigDecimal("5.00")));
  }

  @Test
  void anUnsignedNotificationIsRefusedAndCreditsNothing(CapturedOutput log) {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = notify(notification("100.00"), request -> request);

    assertUnauthorized(result, "A credential is required");
    assertThat(ledger.snapshot()).isEqualTo(before);
    assertThat(log).contains("Refused POST /api/notifications: no credential");
  }

  @Test
  void aNotificationSignedWithAnotherSecretIsRefusedAndTheReasonLoggedButNotTheSecret(
      CapturedOutput log) {
    String foreign = Credentials.foreignSecret();
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result =
        notify(
            notification("100.00"), Credentials.signedWith(java.time.Clock.systemUTC(), foreign));

    assertUnauthorized(result, "The credential was not accepted");
    assertThat(ledger.snapshot()).isEqualTo(before);
    assertThat(log).contains("signature refused (No matching signature found)");
    assertThat(log).doesNotContain(foreign, Credentials.SECRET);
  }

  @Test
  void aSignatureMoreThanFiveMinutesOldIsRefused(CapturedOutput log) {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result =
        notify(
            notification("100.00"),
            Credentials.signedWith(Credentials.minutesAgo(6), Credentials.SECRET));

    assertUnauthorized(result, "The credential was not accepted");
    assertThat(ledger.snapshot()).isEqualTo(before);
    assertThat(log).contains("Message timestamp too old");
  }

  @Test
  void aSignatureMoreThanFiveMinutesAheadIsRefused() {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result =
        notify(
            notification("100.00"),
            Credentials.signedWith(Credentials.minutesAgo(-6), Credentials.SECRET));

    assertUnauthorized(result, "The credential was not accepted");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aBodyOtherThanTheOneSignedIsRefused() {
    String signed = notification("1.00");
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result =
        notify(signed.replace("\"1.00\"", "\"999999.00\""), Credentials.signedOver(signed));

    assertUnauthorized(result, "The credential was not accepted");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aMalformedOrIncompleteSignatureIsRefused() {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult malformed =
        notify(
            notification("1.00"),
            request -> {
              request.addHeader("webhook-id", "tx-1");
              request.addHeader(
                  "webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000));
              request.addHeader("webhook-signature", "v1,not-a-signature");
              return request;
            });
    MvcTestResult noSignature =
        notify(
            notification("1.00"),
            request -> {
              request.addHeader("webhook-id", "tx-1");
              return request;
            });

    assertUnauthorized(malformed, "The credential was not accepted");
    assertUnauthorized(noSignature, "The credential was not accepted");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aSignatureMadeForAnotherTxNoIsRefusedAndCreditsNothing() {
    String body = notification("100.00");
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result = notify(body, Credentials.signedAs("tx-" + UUID.randomUUID()));

    assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Signed for another message");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aValidSignatureGrantsNothingButPostingItsNotification() {
    MvcTestResult readsAnAccount =
        mvc.get().uri("/api/accounts/1").with(Credentials.signedAs("tx-1")).exchange();
    MvcTestResult asksToReconcile =
        mvc.post()
            .uri("/api/reconciliations/{txNo}", "tx-1")
            .with(Credentials.signedAs("tx-1"))
            .exchange();

    assertThat(readsAnAccount).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(asksToReconcile).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(readsAnAccount).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void payApisKeyAsksWhetherAnAccountExistsWithAHeadButMayNotReadItsBalance() {
    MvcTestResult exists = mvc.head().uri("/api/accounts/1").with(Credentials.payApi()).exchange();
    MvcTestResult unknown =
        mvc.head().uri("/api/accounts/nobody").with(Credentials.payApi()).exchange();
    MvcTestResult reads = account(Credentials.payApi());

    assertThat(exists).hasStatusOk(); // over HTTP, a HEAD answer has no body: no balance
    assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(unknown).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(reads).hasStatus(HttpStatus.FORBIDDEN);
  }

  @Test
  void payApisKeyMayNotNotify() {
    Ledger.Snapshot before = ledger.snapshot();

    assertThat(notify(notification("1.00"), Credentials.payApi())).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void signedWithAnotherSecretAndOursAsWhileRotatingItIsTaken() {
    BigDecimal before = ledger.balanceOf("1");

    MvcTestResult result =
        notify(
            notification("2.00"),
            Credentials.signedWith(
                java.time.Clock.systemUTC(), Credentials.foreignSecret(), Credentials.SECRET));

    assertThat(result).hasStatusOk();
    assertThat(ledger.balanceOf("1")).isEqualByComparingTo(before.add(new BigDecimal("2.00")));
  }

  @Test
  void noApiKeyMayNotifyNotEvenAnOperators() {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult client = notify(notification("1.00"), Credentials.client());
    MvcTestResult operator = notify(notification("1.00"), Credentials.operator());
    MvcTestResult wrongKey = notify(notification("1.00"), Credentials.key("guessed-key"));

    assertThat(client).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(client).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(operator).hasStatus(HttpStatus.FORBIDDEN);
    assertUnauthorized(wrongKey, "The credential was not accepted");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void aSignatureWithAKeyBesideItIsRefused() {
    Ledger.Snapshot before = ledger.snapshot();

    MvcTestResult result =
        mvc.post()
            .uri("/api/notifications")
            .contentType(MediaType.APPLICATION_JSON)
            .content(notification("1.00"))
            .with(Credentials.notifier())
            .with(Credentials.operator())
            .exchange();

    assertUnauthorized(result, "The credential was not accepted");
    assertThat(ledger.snapshot()).isEqualTo(before);
  }

  @Test
  void anAccountIsReadWithAClientsOrAnOperatorsKeyOnly() {
    assertThat(account(Credentials.client())).hasStatusOk();
    assertThat(account(Credentials.operator())).hasStatusOk();
    assertUnauthorized(account(request -> request), "A credential is required");
    assertUnauthorized(account(Credentials.key("guessed-key")), "The credential was not accepted");
    assertUnauthorized(account(Credentials.key("")), "The credential was not accepted");
    assertUnauthorized(
        account(
            request -> {
              request.addHeader("Authorization", "Basic b3BzOnRlc3Qtb3BlcmF0b3Ita2V5");
              return request;
            }),
        "The credential was not accepted");
  }

  @Test
  void healthIsOpenAndMetricsAreAnOperatorsOnly() {
    assertThat(mvc.get().uri("/actuator/health/readiness").exchange()).hasStatusOk();
    assertUnauthorized(mvc.get().uri("/actuator/metrics").exchange(), "A credential is required");
    assertThat(mvc.get().uri("/actuator/prometheus").with(Credentials.client()).exchange())
        .hasStatus(HttpStatus.FORBIDDEN);
    assertThat(mvc.get().uri("/actuator/metrics").with(Credentials.operator()).exchange())
        .hasStatusOk();
  }

  private MvcTestResult notify(String body, RequestPostProcessor credential) {
    return mvc.post()
        .uri("/api/notifications")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .with(credential)
        .exchange();
  }

  private MvcTestResult account(RequestPostProcessor credential) {
    return mvc.get().uri("/api/accounts/1").with(credential).exchange();
  }

  private static String notification(String amount) {
    return """
        {"txNo":"tx-%s","accountNo":"1","amount":"%s","result":"success"}"""
        .formatted(UUID.randomUUID(), amount);
  }

  private static void assertUnauthorized(MvcTestResult result, String detail) {
    assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
    assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(result).headers().hasValue("WWW-Authenticate", "Bearer");
    assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(401);
    assertThat(result).bodyJson().extractingPath("$.detail").asString().startsWith(detail);
  }
}
