package io.notifier.account;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the tests' callers present: the keys and the signing secret of application-test.yml. */
public final class Credentials {

  /** The secret account-api checks signatures with in tests, as pay-api signs. */
  public static final String SECRET = "whsec_8aNdrlFlj+4lNi/+1pfymaTmG3n2gn8YSOhD5iRLBYQ=";

  public static final String CLIENT_KEY = "test-client-key";
  public static final String PAY_API_KEY = "test-pay-api-key";
  public static final String OPERATOR_KEY = "test-operator-key";

  private static final Pattern TX_NO = Pattern.compile("\"txNo\"\\s*:\\s*\"([^\"]*)\"");

  private Credentials() {}

  /** Signed by the notifier, as pay-api signs: over the request's body, at this moment. */
  public static RequestPostProcessor notifier() {
    return signedWith(Clock.systemUTC(), SECRET);
  }

  /**
   * Signed with each of {@code secrets}, at {@code clock}'s time, as the message of the body's txNo
   * (as pay-api signs a notification).
   */
  public static RequestPostProcessor signedWith(Clock clock, String... secrets) {
    return request -> {
      byte[] body = request.getContentAsByteArray();
      String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      String id = idOf(payload);
      long timestamp = clock.instant().getEpochSecond();
      StringBuilder signatures = new StringBuilder();
      for (String secret : secrets) {
        signatures
            .append(signatures.isEmpty() ? "" : " ")
            .append(sign(secret, id, timestamp, payload));
      }
      request.addHeader("webhook-id", id);
      request.addHeader("webhook-timestamp", Long.toString(timestamp));
      request.addHeader("webhook-signature", signatures.toString());
      return request;
    };
  }

  /** Signed by the notifier as the message {@code id}, whatever the body's txNo. */
  public static RequestPostProcessor signedAs(String id) {
    return request -> {
      byte[] body = request.getContentAsByteArray();
      String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      long timestamp = Clock.systemUTC().instant().getEpochSecond();
      request.addHeader("webhook-id", id);
      request.addHeader("webhook-timestamp", Long.toString(timestamp));
      request.addHeader("webhook-signature", sign(SECRET, id, timestamp, payload));
      return request;
    };
  }

  /** Signed over {@code signedBody}, whatever the request carries. */
  public static RequestPostProcessor signedOver(String signedBody) {
    return request -> {
      String id = idOf(signedBody);
      long timestamp = Clock.systemUTC().instant().getEpochSecond();
      request.addHeader("webhook-id", id);
      request.addHeader("webhook-timestamp", Long.toString(timestamp));
      request.addHeader("webhook-signature", sign(SECRET, id, timestamp, signedBody));
      return request;
    };
  }

  public static RequestPostProcessor key(String key) {
    return request -> {
      request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key);
      return request;
    };
  }

  public static RequestPostProcessor client() {
    return key(CLIENT_KEY);
  }

  /** pay-api, as it checks an account or asks to reconcile. */
  public static RequestPostProcessor payApi() {
    return key(PAY_API_KEY);
  }

  public static RequestPostProcessor operator() {
    return key(OPERATOR_KEY);
  }

  /** A secret account-api does not hold. */
  public static String foreignSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  public static Clock minutesAgo(int minutes) {
    return Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-minutes));
  }

  /** The raw headers of a request signed over {@code body}, for a request sent over a socket. */
  public static String signatureHeaders(String body) {
    String id = idOf(body);
    long timestamp = Clock.systemUTC().instant().getEpochSecond();
    return "webhook-id: %s\r\nwebhook-timestamp: %d\r\nwebhook-signature: %s"
        .formatted(id, timestamp, sign(SECRET, id, timestamp, body));
  }

  /** A notification's txNo, the id it is signed as; a message of its own for anything else. */
  private static String idOf(String body) {
    Matcher txNo = TX_NO.matcher(body);
    return txNo.find() ? txNo.group(1) : "msg_" + UUID.randomUUID();
  }

  private static String sign(String secret, String id, long timestamp, String payload) {
    try {
      return new Webhook(secret).sign(id, timestamp, payload);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
