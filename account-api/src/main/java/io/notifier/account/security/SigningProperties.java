package io.notifier.account.security;

import io.notifier.web.settings.InvalidSetting;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secrets the notifier's signatures are checked with: {@code NOTIFY_SIGNING_SECRETS}, the same
 * setting as pay-api's, {@code whsec_<base64>} comma-separated. A request is taken when any of its
 * signatures verifies with any of these, which is how a secret is rotated. Without one account-api
 * does not start; a mistake is told by the secret's place, never its value.
 *
 * @param secrets {@code whsec_} and the base64 of 24 to 64 bytes each
 */
@ConfigurationProperties("notify.signing")
record SigningProperties(List<String> secrets) {

  static final String PREFIX = "whsec_";

  SigningProperties {
    secrets = secrets == null ? List.of() : secrets.stream().filter(s -> !s.isBlank()).toList();
    if (secrets.isEmpty()) {
      throw new InvalidSetting(
          "no signing secret: set NOTIFY_SIGNING_SECRETS (notify.signing.secrets) to the"
              + " whsec_… secrets pay-api signs with, comma-separated");
    }
    for (int i = 0; i < secrets.size(); i++) {
      if (!usable(secrets.get(i))) {
        throw new InvalidSetting(
            "NOTIFY_SIGNING_SECRETS, secret "
                + (i + 1)
                + ": not whsec_ followed by the base64 of 24 to 64 bytes");
      }
    }
  }

  private static boolean usable(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return false;
    }
    try {
      int bytes = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
      return bytes >= 24 && bytes <= 64;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
