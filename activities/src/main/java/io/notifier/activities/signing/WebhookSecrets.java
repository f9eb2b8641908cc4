package io.notifier.activities.signing;

import java.util.Base64;
import java.util.List;

/**
 * What a Standard Webhooks secret must be: {@code whsec_} and the base64 of 24 to 64 random bytes,
 * as the specification recommends. A mistake is told by the secret's place in the list, never by
 * its value, which must not reach a log.
 */
public final class WebhookSecrets {

  public static final String PREFIX = "whsec_";
  private static final int MIN_BYTES = 24;
  private static final int MAX_BYTES = 64;

  private WebhookSecrets() {}

  /**
   * @return the secrets among {@code entries}, each checked
   * @throws IllegalArgumentException naming the first that is unusable, by its place
   */
  public static List<String> check(List<String> entries) {
    // A trailing comma, or an empty variable, leaves blank entries: they are no secret.
    List<String> secrets =
        entries == null ? List.of() : entries.stream().filter(e -> !e.isBlank()).toList();
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("no signing secret");
    }
    for (int i = 0; i < secrets.size(); i++) {
      String problem = problemOf(secrets.get(i));
      if (problem != null) {
        throw new IllegalArgumentException("signing secret " + (i + 1) + " " + problem);
      }
    }
    return secrets;
  }

  private static String problemOf(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return "does not start with " + PREFIX;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    } catch (IllegalArgumentException notBase64) {
      return "is not " + PREFIX + " followed by base64";
    }
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      return "has " + key.length + " bytes; it must have " + MIN_BYTES + " to " + MAX_BYTES;
    }
    return null;
  }
}
