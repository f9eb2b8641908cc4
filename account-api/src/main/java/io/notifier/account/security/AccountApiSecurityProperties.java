package io.notifier.account.security;

import io.notifier.web.security.ApiKeys;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * account-api's API keys, {@code name:key} pairs, comma-separated. Without them account-api does
 * not start: checked here, so the failure names the setting (and never a key, which Spring Boot's
 * own validation would print as the value at fault).
 *
 * @param clientKeys {@code ACCOUNT_API_KEYS}: may read accounts
 * @param payApiKeys {@code ACCOUNT_API_PAY_API_KEYS}: pay-api, which may ask whether an account
 *     exists and ask to reconcile
 * @param operatorKeys {@code ACCOUNT_API_OPERATOR_KEYS}: may also reconcile and read metrics
 */
@ConfigurationProperties("account-api.security")
record AccountApiSecurityProperties(
    List<String> clientKeys, List<String> payApiKeys, List<String> operatorKeys) {

  AccountApiSecurityProperties {
    apiKeys(clientKeys, payApiKeys, operatorKeys);
  }

  ApiKeys apiKeys() {
    return apiKeys(clientKeys, payApiKeys, operatorKeys);
  }

  private static ApiKeys apiKeys(
      List<String> clientKeys, List<String> payApiKeys, List<String> operatorKeys) {
    return ApiKeys.builder()
        .add(Role.CLIENT.name(), "ACCOUNT_API_KEYS (account-api.security.client-keys)", clientKeys)
        .add(
            Role.PAY_API.name(),
            "ACCOUNT_API_PAY_API_KEYS (account-api.security.pay-api-keys)",
            payApiKeys)
        .add(
            Role.OPERATOR.name(),
            "ACCOUNT_API_OPERATOR_KEYS (account-api.security.operator-keys)",
            operatorKeys)
        .build();
  }
}
