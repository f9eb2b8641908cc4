package io.notifier.pay.security;

import io.notifier.pay.recharge.RechargeService;
import io.notifier.web.security.ApiKeyAuthenticationProvider;
import io.notifier.web.security.ApiSecurity;
import io.notifier.web.security.BearerKeyConverter;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what on pay-api, each by an API key ({@code Authorization: Bearer <key>}): clients
 * take recharges and read their own, account-api reads the query interface, operators read anything
 * and reconcile. Rules go by path, whatever the method, so that a method a path does not take is
 * still answered 405 to a caller who may use the path. Anything not listed is an operator's.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(PayApiSecurityProperties.class)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(
      HttpSecurity http, PayApiSecurityProperties keys, RechargeService recharges)
      throws Exception {
    ApiSecurity.configure(
        http,
        "An API key is required: Authorization: Bearer <key>.",
        List.of(new BearerKeyConverter()),
        List.of(new ApiKeyAuthenticationProvider(keys.apiKeys())));
    return http.authorizeHttpRequests(
            requests ->
                requests
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers("/error", "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/api/recharges")
                    .hasRole(Role.CLIENT.name())
                    .requestMatchers("/api/recharges/{txNo}")
                    .access(new ClientsOwnRecharges(recharges, Role.QUERY, Role.OPERATOR))
                    .requestMatchers("/api/recharges/{txNo}/notification")
                    .access(new ClientsOwnRecharges(recharges, Role.OPERATOR))
                    .anyRequest()
                    .hasRole(Role.OPERATOR.name()))
        .build();
  }
}
