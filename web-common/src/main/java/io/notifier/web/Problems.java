package io.notifier.web;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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

  /** A business answer a caller may act on: its status, its type, its title and detail. */
  public static ErrorResponseException of(
      HttpStatus status, ProblemType type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type.uri());
    problem.setTitle(title);
    return new ErrorResponseException(status, problem, null);
  }

  public static ErrorResponseException notFound(String title, String detail) {
    return of(HttpStatus.NOT_FOUND, title, detail);
  }

  public static ErrorResponseException notFound(ProblemType type, String title, String detail) {
    return of(HttpStatus.NOT_FOUND, type, title, detail);
  }

  public static ErrorResponseException conflict(String title, String detail) {
    return of(HttpStatus.CONFLICT, title, detail);
  }

  public static ErrorResponseException conflict(ProblemType type, String title, String detail) {
    return of(HttpStatus.CONFLICT, type, title, detail);
  }

  public static ErrorResponseException unprocessable(
      ProblemType type, String title, String detail) {
    return of(HttpStatus.UNPROCESSABLE_CONTENT, type, title, detail);
  }

  /**
   * A problem for an error the server or container raised on its own (a malformed request line, a
   * method it does not allow, a failure): its standard title, and a detail of ours, never the
   * container's message or an exception's, which may name internals.
   */
  public static ProblemDetail ofStatus(HttpStatusCode status) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailOf(status.value()));
    HttpStatus known = HttpStatus.resolve(status.value());
    problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
    return problem;
  }

  /** A request path as a problem's {@code instance}, or null when it does not make a URI. */
  public static URI instance(String path) {
    try {
      return new URI(null, null, path, null);
    } catch (URISyntaxException unusable) {
      return null;
    }
  }

  private static String detailOf(int status) {
    return switch (status) {
      case 400 -> "The request is malformed: its request line, a header or its body.";
      case 404 -> "There is nothing at this path.";
      case 405 -> "This path does not take this method.";
      case 408 -> "The request took too long to arrive.";
      case 413 -> "The request is larger than this API takes.";
      case 414 -> "The URI is longer than this API takes.";
      case 415 -> "This path does not take this Content-Type.";
      case 431 -> "The request's headers are larger than this API takes.";
      case 501 -> "The server does not support this method.";
      case 503 -> "The service is unavailable; try again later.";
      default ->
          status >= 500
              ? "The server failed to answer this request."
              : "The request cannot be answered as it is.";
    };
  }
}
