package io.notifier.account.security;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Verifies the notifier's signature over the raw body with the reference library of Standard
 * Webhooks: it refuses a missing header, a timestamp more than 5 minutes from now, a body other
 * than the one signed, and a signature made with any other secret, comparing in constant time. A
 * request is taken when any of its signatures verifies with any of our secrets; it then names the
 * message signed ({@code webhook-id}), which the notification endpoint binds to the txNo it
 * carries.
 */
final class WebhookSignatureProvider implements AuthenticationProvider {

  private final List<Webhook> secrets;

  WebhookSignatureProvider(SigningProperties signing) {
    this.secrets = signing.secrets().stream().map(Webhook::new).toList();
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    WebhookSignatureAuthentication signed = (WebhookSignatureAuthentication) authentication;
    String payload = utf8(signed.body());
    String refusal = null;
    for (Webhook secret : secrets) {
      try {
        secret.verify(payload, signed.headers());
        return WebhookSignatureAuthentication.verified(first(signed, WebhookSignatureConverter.ID));
      } catch (WebhookVerificationException e) {
        // Header and timestamp refusals are the same whatever the secret; a mismatch is ours.
        refusal = e.getMessage();
      }
    }
    throw new BadCredentialsException(
        "signature refused ("
            + refusal
            + ") for webhook-id "
            + first(signed, WebhookSignatureConverter.ID)
            + " at webhook-timestamp "
            + first(signed, WebhookSignatureConverter.TIMESTAMP));
  }

  /**
   * The library signs text as UTF-8; a body that is not UTF-8 would be read with replacement
   * characters, and another body could then pass for the one signed.
   */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadCredentialsException("signature refused: the body is not UTF-8");
    }
  }

  private static String first(WebhookSignatureAuthentication signed, String header) {
    List<String> values = signed.headers().get(header);
    return values == null ? "(none)" : values.getFirst();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return WebhookSignatureAuthentication.class.isAssignableFrom(authentication);
  }
}
