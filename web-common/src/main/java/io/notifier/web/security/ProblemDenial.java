package io.notifier.web.security;

import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationResult;

/**
 * A denial answered with a problem of its own rather than 403: a 404 for what the caller may not
 * learn exists, say, worded as if it did not.
 */
public record ProblemDenial(ProblemDetail problem) implements AuthorizationResult {

  @Override
  public boolean isGranted() {
    return false;
  }
}
