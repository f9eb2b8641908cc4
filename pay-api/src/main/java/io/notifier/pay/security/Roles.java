package io.notifier.pay.security;

import org.springframework.security.core.Authentication;

/** What the rest of pay-api may ask of a caller's role. */
public final class Roles {

  private Roles() {}

  /** Whether the caller is an operator, who sees every error in full. */
  public static boolean isOperator(Authentication caller) {
    return caller != null
        && caller.getAuthorities().stream()
            .anyMatch(authority -> ("ROLE_" + Role.OPERATOR).equals(authority.getAuthority()));
  }
}
