package io.notifier.account.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.notifier.account.AccountApiApplication;
import io.notifier.account.Credentials;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** account-api without its secret or its keys does not start, and says what to set. */
@ExtendWith(OutputCaptureExtension.class)
class RefusesToStartTest {

  @Test
  void withoutASigningSecretItStopsWithOneSentenceNamingTheSetting(CapturedOutput output) {
    assertThatThrownBy(() -> start("--notify.signing.secrets="))
        .hasStackTraceContaining("set NOTIFY_SIGNING_SECRETS");

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "no signing secret: set NOTIFY_SIGNING_SECRETS (notify.signing.secrets) to the whsec_…"
                + " secrets pay-api signs with, comma-separated")
        .doesNotContain("\tat org.springframework");
  }

  @Test
  void withoutClientKeys() {
    assertThatThrownBy(() -> start("--account-api.security.client-keys="))
        .hasStackTraceContaining("no key in ACCOUNT_API_KEYS");
  }

  @Test
  void withoutPayApisKeys() {
    assertThatThrownBy(() -> start("--account-api.security.pay-api-keys="))
        .hasStackTraceContaining("no key in ACCOUNT_API_PAY_API_KEYS");
  }

  @Test
  void withoutTheKeyForPayApisQueryInterface() {
    assertThatThrownBy(() -> start("--pay-api.key="))
        .hasStackTraceContaining("set PAY_API_QUERY_KEY");
  }

  /** Everything set but what {@code missing} clears. */
  private static void start(String missing) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("--server.port", "0");
    settings.put("--spring.datasource.url", "jdbc:h2:mem:start-" + UUID.randomUUID());
    settings.put("--notify.signing.secrets", Credentials.SECRET);
    settings.put("--account-api.security.client-keys", "shop:k1");
    settings.put("--account-api.security.pay-api-keys", "pay-api:k4");
    settings.put("--account-api.security.operator-keys", "ops:k2");
    settings.put("--pay-api.key", "k3");
    settings.put(missing.substring(0, missing.indexOf('=')), "");
    String[] arguments =
        settings.entrySet().stream()
            .map(setting -> setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new);
    SpringApplication.run(AccountApiApplication.class, arguments).close();
  }
}
