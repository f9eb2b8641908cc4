package io.notifier.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Finds the caller a presented API key belongs to, or refuses the key. */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

  private final ApiKeys keys;

  public ApiKeyAuthenticationProvider(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String key = ((ApiKeyAuthentication) authentication).getCredentials();
    return keys.find(key)
        .map(ApiKeyAuthentication::of)
        .orElseThrow(() -> new BadCredentialsException("the API key is not one of ours"));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
