package io.notifier.pay.security;

import io.notifier.pay.recharge.Recharge;
import io.notifier.pay.recharge.RechargeService;
import io.notifier.web.security.ProblemDenial;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may read the recharge of a path's {@code {txNo}}: the roles given see any; a client sees its
 * own, and another client's is answered 404 exactly as an unknown txNo is, so that a client cannot
 * even learn which txNos exist. An unknown txNo passes on, for the endpoint to answer.
 */
final class ClientsOwnRecharges implements AuthorizationManager<RequestAuthorizationContext> {

  private final RechargeService recharges;
  private final Set<String> seeAny;

  ClientsOwnRecharges(RechargeService recharges, Role... seeAny) {
    this.recharges = recharges;
    this.seeAny =
        Arrays.stream(seeAny).map(role -> "ROLE_" + role).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> caller, RequestAuthorizationContext request) {
    Authentication authentication = caller.get();
    if (has(authentication, seeAny)) {
      return new AuthorizationDecision(true);
    }
    if (!has(authentication, Set.of("ROLE_" + Role.CLIENT))) {
      return new AuthorizationDecision(false);
    }
    String txNo = request.getVariables().get("txNo");
    Optional<Recharge> recharge = recharges.find(txNo);
    if (recharge.isEmpty() || authentication.getName().equals(recharge.get().clientId())) {
      return new AuthorizationDecision(true);
    }
    return new ProblemDenial(RechargeService.unknownTxNo(txNo).getBody());
  }

  private static boolean has(Authentication authentication, Set<String> authorities) {
    return authentication != null
        && authentication.isAuthenticated()
        && authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(authorities::contains);
  }
}
