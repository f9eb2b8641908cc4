package io.notifier.web.security;

import io.notifier.web.ProblemJson;
import io.notifier.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json with {@code WWW-Authenticate: Bearer}, for a request with no credential and
 * for one whose credential was refused. The caller learns which of the two; the log also says why a
 * credential was refused (a stale timestamp, an altered body), never the key or the secret.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

  private final String required;

  /**
   * @param required what this service takes, told to a caller that sent nothing, such as "An API
   *     key is required: Authorization: Bearer <key>."
   */
  public ProblemAuthenticationEntryPoint(String required) {
    this.required = required;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    ProblemDetail problem = Problems.ofStatus(HttpStatus.UNAUTHORIZED);
    if (refused instanceof InsufficientAuthenticationException) {
      log.info("Refused {} {}: no credential", request.getMethod(), request.getRequestURI());
      problem.setDetail(required);
    } else {
      log.warn(
          "Refused {} {}: {}", request.getMethod(), request.getRequestURI(), refused.getMessage());
      problem.setDetail("The credential was not accepted; nothing was done.");
    }
    problem.setInstance(Problems.instance(request.getRequestURI()));
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    ProblemJson.write(response, problem);
  }
}
