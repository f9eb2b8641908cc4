package io.notifier.web.security;

import io.notifier.web.StrictRequestFilter;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationConverter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * What both services' security chains share: every request is authenticated on its own (no session,
 * no cookie, so no CSRF token either), by the credentials the converters read and the providers
 * check, and every refusal is problem+json.
 *
 * <p>Why Spring Security's {@link AuthenticationFilter} with our converters and providers rather
 * than the OAuth2 resource server's opaque tokens: these are keys looked up in the service's own
 * settings, not OAuth2 tokens, and the notifier's signature needs a converter of its own (it reads
 * the body); one mechanism serves both, without a JWT library or introspection semantics.
 *
 * <p>The body a signature is checked over is the one web-common's {@link StrictRequestFilter} has
 * read already: it runs before Spring Security's chain (order {@code HIGHEST_PRECEDENCE + 10}
 * against -100), so the body can be read again.
 */
public final class ApiSecurity {

  private ApiSecurity() {}

  /**
   * @param required what the service takes, told to a caller that sent no credential
   * @param converters read a credential from a request, the first that finds one wins; none:
   *     anonymous
   */
  public static HttpSecurity configure(
      HttpSecurity http,
      String required,
      List<AuthenticationConverter> converters,
      List<AuthenticationProvider> providers)
      throws Exception {
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(required);
    AuthenticationFilter authentication =
        new AuthenticationFilter(
            new ProviderManager(providers), new DelegatingAuthenticationConverter(converters));
    authentication.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
    // Carry on along the chain: the request is what follows, not a redirect.
    authentication.setSuccessHandler((request, response, caller) -> {});
    return http.addFilterAt(authentication, BasicAuthenticationFilter.class)
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(
            exceptions ->
                exceptions
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(new ProblemAccessDeniedHandler()));
  }
}
