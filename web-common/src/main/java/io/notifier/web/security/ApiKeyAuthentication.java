package io.notifier.web.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's API key: presented (not yet checked), then, once found, the caller it names with its
 * role as authority {@code ROLE_<role>}.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

  private final transient String key;
  private final ApiKeys.Caller caller;

  private ApiKeyAuthentication(String key, ApiKeys.Caller caller) {
    super(
        caller == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + caller.role())));
    this.key = key;
    this.caller = caller;
    setAuthenticated(caller != null);
  }

  static ApiKeyAuthentication presented(String key) {
    return new ApiKeyAuthentication(key, null);
  }

  static ApiKeyAuthentication of(ApiKeys.Caller caller) {
    return new ApiKeyAuthentication(null, caller);
  }

  /** The key as presented; null once the caller is known. */
  @Override
  public String getCredentials() {
    return key;
  }

  /** The caller, once its key was found; its name is the authentication's name. */
  @Override
  public ApiKeys.Caller getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller == null ? "" : caller.name();
  }
}
