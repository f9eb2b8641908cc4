package io.notifier.pay;

import io.notifier.pay.notification.NotifyProperties;
import io.notifier.pay.notification.OperatorEventProperties;
import io.notifier.pay.notification.SigningProperties;
import io.notifier.testing.DocumentedSettings;
import io.notifier.web.ApiEdgeProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Configuration and Secrets tables say what pay-api binds, and its defaults. */
class DocumentedSettingsTest {

  @Test
  void everyRowOfTheReadmeIsASettingOfPayApiWithItsDefaultAndEverySettingHasARow()
      throws Exception {
    DocumentedSettings.ofTheReadme()
        .assertDocument(
            "pay-api",
            List.of(
                NotifyProperties.class,
                SigningProperties.class,
                OperatorEventProperties.class,
                Class.forName("io.notifier.pay.account.AccountCheckProperties"),
                Class.forName("io.notifier.pay.security.PayApiSecurityProperties"),
                ApiEdgeProperties.class),
            Map.of(
                "notify.account-api-key", "k",
                "notify.signing.secrets", Credentials.SECRET,
                "notify.operator-events.url", "https://ops.example.com/notifier-events",
                "notify.operator-events.secrets", Credentials.SECRET,
                "pay-api.security.client-keys", "shop:k1",
                "pay-api.security.query-keys", "account-api:k2",
                "pay-api.security.operator-keys", "ops:k3"));
  }
}
