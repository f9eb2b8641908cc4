package io.notifier.bench.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a notification body as the Standard Webhooks specification says: {@code webhook-id}, {@code
 * webhook-timestamp} (seconds) and {@code webhook-signature}, a space-separated list of {@code
 * v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one per secret, so that a receiver in the middle
 * of a key rotation accepts either. Secrets are {@code whsec_<base64 key>}.
 *
 * <p>Twenty lines of the specification rather than a library, so the driver's classpath stays that
 * of the SDK; account-api's verification will be the judge of whether they agree.
 */
public final class WebhookSigner {

  private static final String PREFIX = "whsec_";

  private final List<byte[]> keys;
  private final Clock clock;

  WebhookSigner(List<byte[]> keys, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no signing secret");
    }
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * @param secrets {@code whsec_...} secrets separated by commas or spaces, as in
   *     NOTIFY_SIGNING_SECRETS; empty or blank means no signing
   */
  public static Optional<WebhookSigner> of(Optional<String> secrets) {
    return secrets
        .filter(s -> !s.isBlank())
        .map(
            s ->
                new WebhookSigner(
                    Arrays.stream(s.trim().split("[,\\s]+")).map(WebhookSigner::key).toList(),
                    Clock.systemUTC()));
  }

  private static byte[] key(String secret) {
    String base64 = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    return Base64.getDecoder().decode(base64);
  }

  public Map<String, String> headers(String body) {
    return headers("msg_" + UUID.randomUUID().toString().replace("-", ""), body);
  }

  Map<String, String> headers(String id, String body) {
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    byte[] content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
    String signatures =
        keys.stream()
            .map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, content)))
            .collect(Collectors.joining(" "));
    return Map.of(
        "webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signatures);
  }

  private static byte[] hmac(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
