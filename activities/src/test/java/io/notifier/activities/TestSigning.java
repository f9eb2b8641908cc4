package io.notifier.activities;

import io.notifier.activities.signing.WebhookSigner;
import io.notifier.testing.TestSecrets;
import java.time.Clock;
import java.util.List;

/** Signing secrets for tests, made fresh for each run as an operator would make them. */
public final class TestSigning {

  /** The secret the tests' notifier signs with. */
  public static final String SECRET = TestSecrets.newWebhookSecret();

  private TestSigning() {}

  public static WebhookSigner signer() {
    return new WebhookSigner(List.of(SECRET), Clock.systemUTC());
  }
}
