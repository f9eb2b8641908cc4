package io.notifier.testing;

import java.security.SecureRandom;
import java.util.Base64;

/** Secrets made fresh for each run, as an operator would make them. */
public final class TestSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestSecrets() {}

  /** A Standard Webhooks secret: {@code whsec_} and the base64 of 32 random bytes. */
  public static String newWebhookSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
