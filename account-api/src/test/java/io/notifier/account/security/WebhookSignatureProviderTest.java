package io.notifier.account.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import io.notifier.account.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

/** Rotating the secret at the receiver: while it holds the old and the new one, both verify. */
class WebhookSignatureProviderTest {

  private static final String BODY = "{\"txNo\":\"tx-1\"}";
  private static final String OLD = Credentials.foreignSecret();
  private static final String NEW = Credentials.foreignSecret();

  @Test
  void holdingTheOldAndTheNewSecretASignatureWithEitherIsTaken() {
    WebhookSignatureProvider receiver = receiver(OLD, NEW);

    assertThat(receiver.authenticate(signed(OLD)).isAuthenticated()).isTrue();
    assertThat(receiver.authenticate(signed(NEW)).isAuthenticated()).isTrue();
  }

  @Test
  void holdingOnlyTheNewSecretASignatureWithTheOldOneIsRefused() {
    assertThatThrownBy(() -> receiver(NEW).authenticate(signed(OLD)))
        .isInstanceOf(BadCredentialsException.class)
        .hasMessageContaining("No matching signature found");
  }

  @Test
  void aBodyThatIsNotUtf8IsRefused() {
    byte[] latin1 = "{\"name\":\"é\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(
            () ->
                receiver(OLD)
                    .authenticate(
                        WebhookSignatureAuthentication.presented(headers(OLD, "x"), latin1)))
        .hasMessage("signature refused: the body is not UTF-8");
  }

  @Test
  void anUnusableSecretStopsTheStartSayingWhichButNotItsValue() {
    String unprefixed = OLD.substring("whsec_".length());

    assertThatThrownBy(() -> new SigningProperties(List.of(OLD, unprefixed)))
        .hasMessageContaining("NOTIFY_SIGNING_SECRETS, secret 2")
        .message()
        .doesNotContain(unprefixed);
    assertThatThrownBy(() -> new SigningProperties(List.of()))
        .hasMessageContaining("set NOTIFY_SIGNING_SECRETS");
  }

  private static WebhookSignatureProvider receiver(String... secrets) {
    return new WebhookSignatureProvider(new SigningProperties(List.of(secrets)));
  }

  private static WebhookSignatureAuthentication signed(String secret) {
    return WebhookSignatureAuthentication.presented(
        headers(secret, BODY), BODY.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, List<String>> headers(String secret, String body) {
    long now = System.currentTimeMillis() / 1000;
    try {
      return Map.of(
          "webhook-id", List.of("tx-1"),
          "webhook-timestamp", List.of(Long.toString(now)),
          "webhook-signature", List.of(new Webhook(secret).sign("tx-1", now, body)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
