package io.notifier.pay.notification;

import io.notifier.activities.signing.WebhookSecrets;
import io.notifier.web.settings.InvalidSetting;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secrets the notifier signs with: {@code NOTIFY_SIGNING_SECRETS}, the same setting as
 * account-api's, {@code whsec_<base64>} comma-separated. Each request carries one signature per
 * secret, which is how a secret is rotated. Without one pay-api does not start; a mistake is told
 * by the secret's place, never its value.
 *
 * @param secrets {@code whsec_} and the base64 of 24 to 64 bytes each
 */
@ConfigurationProperties("notify.signing")
public record SigningProperties(List<String> secrets) {

  public SigningProperties {
    try {
      secrets = WebhookSecrets.check(secrets);
    } catch (IllegalArgumentException unusable) {
      throw new InvalidSetting(
          "NOTIFY_SIGNING_SECRETS (notify.signing.secrets): "
              + unusable.getMessage()
              + "; set it to the whsec_… secrets to sign with, comma-separated");
    }
  }
}
