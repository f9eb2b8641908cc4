package io.notifier.pay.security;

import io.notifier.web.security.ApiKeys;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * pay-api's API keys, {@code name:key} pairs, comma-separated. Without them pay-api does not start:
 * checked here, so the failure names the setting (and never a key, which Spring Boot's own
 * validation would print as the value at fault).
 *
 * @param clientKeys {@code PAY_API_KEYS}: clients, by name; a recharge records its client's
 * @param queryKeys {@code PAY_API_QUERY_KEYS}: callers of the query interface (account-api)
 * @param operatorKeys {@code PAY_API_OPERATOR_KEYS}: operators
 */
@ConfigurationProperties("pay-api.security")
record PayApiSecurityProperties(
    List<String> clientKeys, List<String> queryKeys, List<String> operatorKeys) {

  PayApiSecurityProperties {
    apiKeys(clientKeys, queryKeys, operatorKeys);
  }

  ApiKeys apiKeys() {
    return apiKeys(clientKeys, queryKeys, operatorKeys);
  }

  private static ApiKeys apiKeys(
      List<String> clientKeys, List<String> queryKeys, List<String> operatorKeys) {
    return ApiKeys.builder()
        .add(Role.CLIENT.name(), "PAY_API_KEYS (pay-api.security.client-keys)", clientKeys)
        .add(Role.QUERY.name(), "PAY_API_QUERY_KEYS (pay-api.security.query-keys)", queryKeys)
        .add(
            Role.OPERATOR.name(),
            "PAY_API_OPERATOR_KEYS (pay-api.security.operator-keys)",
            operatorKeys)
        .build();
  }
}
