package io.notifier.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Business errors as problem+json: an exception carrying its status, title and detail. */
public final class Problems {

  private Problems() {}

  public static ErrorResponseException of(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return new ErrorResponseException(status, problem, null);
  }

  public static ErrorResponseException notFound(String title, String detail) {
    return of(HttpStatus.NOT_FOUND, title, detail);
  }

  public static ErrorResponseException conflict(String title, String detail) {
    return of(HttpStatus.CONFLICT, title, detail);
  }

  public static ErrorResponseException unprocessable(String title, String detail) {
    return of(HttpStatus.UNPROCESSABLE_CONTENT, title, detail);
  }
}
