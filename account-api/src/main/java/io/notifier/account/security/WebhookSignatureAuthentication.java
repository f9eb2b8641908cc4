package io.notifier.account.security;

import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed as Standard Webhooks says: its {@code webhook-*} headers and the body they sign,
 * then, once a signature verified, the notifier in role {@link Role#NOTIFIER}.
 */
public final class WebhookSignatureAuthentication extends AbstractAuthenticationToken {

  static final String NOTIFIER = "notifier";

  private final transient Map<String, List<String>> headers;
  private final transient byte[] body;
  private final String messageId;

  private WebhookSignatureAuthentication(
      Map<String, List<String>> headers, byte[] body, String messageId, boolean verified) {
    super(verified ? List.of(new SimpleGrantedAuthority("ROLE_" + Role.NOTIFIER)) : List.of());
    this.headers = headers;
    this.body = body;
    this.messageId = messageId;
    setAuthenticated(verified);
  }

  static WebhookSignatureAuthentication presented(Map<String, List<String>> headers, byte[] body) {
    return new WebhookSignatureAuthentication(headers, body, null, false);
  }

  /** The notifier, who signed the message {@code messageId} (its {@code webhook-id}). */
  static WebhookSignatureAuthentication verified(String messageId) {
    return new WebhookSignatureAuthentication(Map.of(), new byte[0], messageId, true);
  }

  /**
   * The message a verified signature was made for, when {@code caller} is the notifier: a
   * notification's txNo.
   */
  public static java.util.Optional<String> signedMessageOf(Authentication caller) {
    return caller instanceof WebhookSignatureAuthentication signed && signed.isAuthenticated()
        ? java.util.Optional.ofNullable(signed.messageId)
        : java.util.Optional.empty();
  }

  Map<String, List<String>> headers() {
    return headers;
  }

  byte[] body() {
    return body;
  }

  @Override
  public Object getCredentials() {
    return headers.get(WebhookSignatureConverter.SIGNATURE);
  }

  @Override
  public Object getPrincipal() {
    return NOTIFIER;
  }

  @Override
  public String getName() {
    return NOTIFIER;
  }
}
