package io.notifier.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, in place of Spring Boot's: what the servlet container sends here (a TRACE it
 * refuses, a body it cannot read, an exception nothing handled) is answered as problem+json like
 * every other error, whatever the client accepts.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

  @RequestMapping
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    // Only the container's error dispatch carries a status; a client asking for /error itself
    // finds nothing there.
    HttpStatusCode status =
        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
            ? HttpStatusCode.valueOf(code)
            : HttpStatus.NOT_FOUND;
    ProblemDetail problem = Problems.ofStatus(status);
    // The path the client asked for, rather than this page's.
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    problem.setInstance(
        Problems.instance(uri instanceof String path ? path : request.getRequestURI()));
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
