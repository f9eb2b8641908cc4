package io.notifier.web.security;

import io.notifier.web.ProblemJson;
import io.notifier.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 403 as problem+json: the credential is good, but not for this request. A denial that carries its
 * own problem ({@link ProblemDenial}) is answered with that instead.
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAccessDeniedHandler.class);

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    ProblemDetail problem;
    if (denied instanceof AuthorizationDeniedException decision
        && decision.getAuthorizationResult() instanceof ProblemDenial own) {
      problem = own.problem();
    } else {
      log.info("Forbidden {} {}", request.getMethod(), request.getRequestURI());
      problem = Problems.ofStatus(HttpStatus.FORBIDDEN);
      problem.setDetail("This credential does not allow this request; nothing was done.");
    }
    problem.setInstance(Problems.instance(request.getRequestURI()));
    ProblemJson.write(response, problem);
  }
}
