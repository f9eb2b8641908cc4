package io.notifier.account.security;

import io.notifier.web.security.ApiKeyAuthenticationProvider;
import io.notifier.web.security.ApiSecurity;
import io.notifier.web.security.BearerKeyConverter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what on account-api. Money moves on the notifier's signature, which grants nothing
 * but the delivery of the notification it signs, and on a reconciliation, which only pay-api's
 * query interface can make credit anything, asked by pay-api or an operator. pay-api may also ask
 * whether an account exists, without reading its balance. Anything not listed is an operator's.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties({AccountApiSecurityProperties.class, SigningProperties.class})
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(
      HttpSecurity http, AccountApiSecurityProperties keys, SigningProperties signing)
      throws Exception {
    ApiSecurity.configure(
        http,
        "A credential is required: an API key (Authorization: Bearer <key>), or the notifier's"
            + " webhook signature.",
        List.of(new WebhookSignatureConverter(), new BearerKeyConverter()),
        List.of(
            new WebhookSignatureProvider(signing),
            new ApiKeyAuthenticationProvider(keys.apiKeys())));
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/error", "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/notifications")
                    .hasRole(Role.NOTIFIER.name())
                    .requestMatchers("/api/notifications")
                    .hasAnyRole(Role.NOTIFIER.name(), Role.OPERATOR.name())
                    .requestMatchers("/api/reconciliations/*")
                    .hasAnyRole(Role.PAY_API.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.HEAD, "/api/accounts/*")
                    .hasAnyRole(Role.PAY_API.name(), Role.CLIENT.name(), Role.OPERATOR.name())
                    .requestMatchers("/api/accounts/*")
                    .hasAnyRole(Role.CLIENT.name(), Role.OPERATOR.name())
                    .anyRequest()
                    .hasRole(Role.OPERATOR.name()))
        .build();
  }
}
