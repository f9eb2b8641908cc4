package io.notifier.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report as problem+json instead of its HTML page. It answers what Tomcat refuses
 * before any application sees the request — an encoded NUL or slash, a backslash, a request line or
 * header over the limit — so the error page and Spring MVC never run. Like Tomcat's own {@code
 * JsonErrorReportValve}, it only replaces {@link #report}; unlike it, it never shows Tomcat's
 * message or a stack trace.
 */
public class ProblemReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's own valves: not an error, or already answered, or reported before.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    ProblemDetail problem = Problems.ofStatus(HttpStatusCode.valueOf(status));
    if (status == 501 || status == 505) {
      // Tomcat's answer to a method (CONNECT), a transfer coding or an HTTP version it does not
      // implement. Nothing failed, and the request will never be taken as it is: a 4xx says so,
      // where a 5xx invites a retry (our own notifier retries any 5xx).
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      problem = Problems.ofStatus(HttpStatus.BAD_REQUEST);
      problem.setDetail(
          "The request's method, transfer coding or HTTP version is not one this API takes.");
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(ProblemJson.of(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException unwritable) {
      // The connection is gone or the response is committed: there is no one left to tell.
    }
  }
}
