package io.notifier.activities;

import io.notifier.activities.signing.WebhookSigner;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/** Signing secrets for tests, made fresh for each run as an operator would make them. */
public final class TestSigning {

  /** The secret the tests' notifier signs with. */
  public static final String SECRET = newSecret();

  private TestSigning() {}

  /** {@code whsec_} and the base64 of 32 random bytes. */
  public static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  public static WebhookSigner signer() {
    return new WebhookSigner(List.of(SECRET), Clock.systemUTC());
  }
}
