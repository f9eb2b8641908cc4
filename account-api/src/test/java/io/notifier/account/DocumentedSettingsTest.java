package io.notifier.account;

import io.notifier.account.reconciliation.PayApiProperties;
import io.notifier.testing.DocumentedSettings;
import io.notifier.web.ApiEdgeProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Configuration and Secrets tables say what account-api binds, and its defaults. */
class DocumentedSettingsTest {

  @Test
  void everyRowOfTheReadmeIsASettingOfAccountApiWithItsDefaultAndEverySettingHasARow()
      throws Exception {
    DocumentedSettings.ofTheReadme()
        .assertDocument(
            "account-api",
            List.of(
                PayApiProperties.class,
                Class.forName("io.notifier.account.security.SigningProperties"),
                Class.forName("io.notifier.account.security.AccountApiSecurityProperties"),
                ApiEdgeProperties.class),
            Map.of(
                "pay-api.key", "k",
                "notify.signing.secrets", Credentials.SECRET,
                "account-api.security.client-keys", "shop:k1",
                "account-api.security.pay-api-keys", "pay-api:k2",
                "account-api.security.operator-keys", "ops:k3"));
  }
}
