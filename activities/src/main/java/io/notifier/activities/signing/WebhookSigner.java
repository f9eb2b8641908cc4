package io.notifier.activities.signing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.notifier.web.client.Credential;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs what the notifier sends as the Standard Webhooks specification says: {@code webhook-id},
 * {@code webhook-timestamp} (this attempt's, in unix seconds) and {@code webhook-signature}, one
 * {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} per secret, separated by spaces. Signing
 * with an old and a new secret at once is how a secret is rotated: a receiver holding either
 * verifies. The HMAC itself is the reference library's.
 *
 * <p>It signs inside the activity's HTTP call: no secret ever enters a workflow's input, its
 * history or the Web UI. Only notifications are signed: the signature grants nothing but {@code
 * POST /api/notifications} of the txNo it names.
 */
public final class WebhookSigner {

  private final List<Webhook> secrets;
  private final Clock clock;

  /**
   * @param secrets {@code whsec_<base64>}, the first one or more of which a receiver holds
   * @throws IllegalArgumentException when there is none, or one is not a usable secret; the message
   *     never contains a secret
   */
  public WebhookSigner(List<String> secrets, Clock clock) {
    this.secrets = WebhookSecrets.check(secrets).stream().map(Webhook::new).toList();
    this.clock = clock;
  }

  /**
   * Signs each request it is applied to as the message its caller names (a notification's txNo: the
   * same at every attempt, so the receiver can tell a retry, and bound by the receiver to the txNo
   * in the body). A request that is no message cannot be signed.
   */
  public Credential credential() {
    return (request, messageId, body) -> {
      if (messageId == null) {
        throw new IllegalArgumentException("only a message with an id is signed");
      }
      sign(messageId, body).applyTo(request);
    };
  }

  /** The headers that sign {@code payload}, the exact body sent, as message {@code id}. */
  public Signature sign(String id, String payload) {
    long timestamp = clock.instant().getEpochSecond();
    String signatures =
        secrets.stream()
            .map(secret -> signWith(secret, id, timestamp, payload))
            .collect(Collectors.joining(" "));
    return new Signature(id, timestamp, signatures);
  }

  private static String signWith(Webhook secret, String id, long timestamp, String payload) {
    try {
      return secret.sign(id, timestamp, payload);
    } catch (WebhookSigningException e) {
      // Only when the JDK has no HmacSHA256, or the key is unusable: checked at construction.
      throw new IllegalStateException("cannot sign " + id, e);
    }
  }

  /** The three headers of a signed request. */
  public record Signature(String id, long timestamp, String signatures) {

    public HttpRequest.Builder applyTo(HttpRequest.Builder request) {
      return request
          .header("webhook-id", id)
          .header("webhook-timestamp", Long.toString(timestamp))
          .header("webhook-signature", signatures);
    }
  }
}
