package io.notifier.web;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error of both services as RFC 9457 problem+json, saying what was wrong. Invalid input lists
 * each offending field under {@code errors}, so a client can show it next to the field.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

  /** One invalid field and what is wrong with it. */
  public record InvalidField(String field, String message) {}

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<InvalidField> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(error -> new InvalidField(error.getField(), error.getDefaultMessage()))
            .toList();
    return invalid(ex, errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<InvalidField> errors =
        ex.getParameterValidationResults().stream().flatMap(this::invalidFields).toList();
    return invalid(ex, errors, headers, request);
  }

  /** A body's errors name its fields; a header's or path variable's name the parameter. */
  private Stream<InvalidField> invalidFields(ParameterValidationResult result) {
    if (result instanceof ParameterErrors body) {
      return body.getFieldErrors().stream()
          .map(error -> new InvalidField(error.getField(), error.getDefaultMessage()));
    }
    return result.getResolvableErrors().stream()
        .map(
            error ->
                new InvalidField(
                    result.getMethodParameter().getParameterName(), error.getDefaultMessage()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setTitle("Unreadable request body");
    if (ex.getMostSpecificCause() instanceof JacksonException json) {
      String field = fieldOf(json);
      problem.setDetail(
          field.isEmpty()
              ? "The body is not valid JSON: " + json.getOriginalMessage()
              : field + " has the wrong type or format: " + json.getOriginalMessage());
      if (!field.isEmpty()) {
        problem.setProperty(
            "errors", List.of(new InvalidField(field, "has the wrong type or format")));
      }
    } else {
      problem.setDetail("A JSON body is required.");
    }
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** The database is down or overloaded: nothing was changed, and the client may try again. */
  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class
  })
  ResponseEntity<Object> databaseUnavailable(RuntimeException ex, WebRequest request) {
    log.warn("Database unavailable: {}", ex.toString());
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; nothing was changed.");
    problem.setTitle("Service unavailable");
    return handleExceptionInternal(
        ex, problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
  }

  private ResponseEntity<Object> invalid(
      Exception ex, List<InvalidField> errors, HttpHeaders headers, WebRequest request) {
    List<InvalidField> sorted =
        errors.stream()
            .sorted(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message))
            .toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            sorted.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ")));
    problem.setTitle("Invalid request");
    problem.setProperty("errors", sorted);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static String fieldOf(JacksonException json) {
    return json.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
