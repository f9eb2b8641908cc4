package io.notifier.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: Bearer <key>} (RFC 6750). No header: nothing to check, the request
 * goes on anonymous. Any other scheme, or no key after it, is a credential refused.
 */
public final class BearerKeyConverter implements AuthenticationConverter {

  private static final String BEARER = "Bearer ";

  @Override
  public Authentication convert(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return null;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new BadCredentialsException("the Authorization header is not 'Bearer <key>'");
    }
    String key = header.substring(BEARER.length()).strip();
    if (key.isEmpty()) {
      throw new BadCredentialsException("the Authorization header has no key");
    }
    return ApiKeyAuthentication.presented(key);
  }
}
