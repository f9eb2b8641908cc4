package io.notifier.activities.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.notifier.testing.TestSecrets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signatures as the reference library of Standard Webhooks verifies them at the receiver. */
class WebhookSignerTest {

  private static final String BODY =
      "{\"txNo\":\"tx-1\",\"accountNo\":\"1\",\"amount\":\"100.00\",\"result\":\"success\"}";
  private static final String OLD = TestSecrets.newWebhookSecret();
  private static final String NEW = TestSecrets.newWebhookSecret();

  @Test
  void aSignatureVerifiesOverTheExactBodyWithTheSecret() {
    WebhookSigner.Signature signature = signer(OLD).sign("tx-1", BODY);

    assertThat(signature.id()).isEqualTo("tx-1");
    assertThat(signature.signatures()).startsWith("v1,");
    assertThatCode(() -> new Webhook(OLD).verify(BODY, headers(signature)))
        .doesNotThrowAnyException();
  }

  @Test
  void signedWithTheOldAndTheNewSecretAReceiverHoldingEitherOneVerifies() {
    WebhookSigner.Signature signature = signer(OLD, NEW).sign("tx-1", BODY);

    assertThat(signature.signatures().split(" ")).hasSize(2);
    assertThatCode(() -> new Webhook(OLD).verify(BODY, headers(signature)))
        .doesNotThrowAnyException();
    assertThatCode(() -> new Webhook(NEW).verify(BODY, headers(signature)))
        .doesNotThrowAnyException();
  }

  @Test
  void aReceiverHoldingAnotherSecretRefusesIt() {
    WebhookSigner.Signature signature = signer(OLD, NEW).sign("tx-1", BODY);

    assertThatThrownBy(
            () -> new Webhook(TestSecrets.newWebhookSecret()).verify(BODY, headers(signature)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void anAlteredBodyNoLongerVerifies() {
    WebhookSigner.Signature signature = signer(OLD).sign("tx-1", BODY);

    assertThatThrownBy(
            () -> new Webhook(OLD).verify(BODY.replace("100.00", "900.00"), headers(signature)))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void aSignatureMoreThanFiveMinutesOldIsRefused() {
    Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
    WebhookSigner.Signature stale =
        new WebhookSigner(List.of(OLD), sixMinutesAgo).sign("tx-1", BODY);

    assertThatThrownBy(() -> new Webhook(OLD).verify(BODY, headers(stale)))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessageContaining("too old");
  }

  @Test
  void anUnusableSecretIsRefusedByItsPlaceNeverShown() {
    String unprefixed = OLD.substring("whsec_".length());

    assertThatThrownBy(() -> signer()).hasMessage("no signing secret");
    assertThatThrownBy(() -> signer(OLD, unprefixed))
        .hasMessage("signing secret 2 does not start with whsec_")
        .message()
        .doesNotContain(unprefixed);
    assertThatThrownBy(() -> signer("whsec_not base64!"))
        .hasMessage("signing secret 1 is not whsec_ followed by base64");
    assertThatThrownBy(() -> signer("whsec_c2hvcnQ="))
        .hasMessage("signing secret 1 has 5 bytes; it must have 24 to 64");
  }

  private static WebhookSigner signer(String... secrets) {
    return new WebhookSigner(List.of(secrets), Clock.systemUTC());
  }

  private static Map<String, List<String>> headers(WebhookSigner.Signature signature) {
    return Map.of(
        "webhook-id", List.of(signature.id()),
        "webhook-timestamp", List.of(Long.toString(signature.timestamp())),
        "webhook-signature", List.of(signature.signatures()));
  }
}
