package io.notifier.web;

import io.notifier.web.json.RefusedValueException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of both services as RFC 9457 problem+json, saying what was wrong in the API's words:
 * never a Java type, a library's feature or an exception's message. Invalid input lists each
 * offending field under {@code errors}, so a client can show it next to the field.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

  /** Jackson says so in the message only: STRICT_DUPLICATE_DETECTION has no exception type. */
  private static final String DUPLICATE = "Duplicate Object property";

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

  /**
   * A body that could not be turned into the request: a field of the wrong type or form is named
   * like a field that fails validation; a body that is not one JSON object says where it breaks.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (!(NestedExceptionUtils.getMostSpecificCause(ex) instanceof JacksonException json)) {
      return unreadable(ex, "A JSON body is required.", headers, request);
    }
    Optional<String> duplicate = duplicateField(json);
    if (duplicate.isPresent()) {
      return invalid(
          ex,
          List.of(new InvalidField(duplicate.get(), "appears more than once")),
          headers,
          request);
    }
    String field = fieldOf(json);
    if (json instanceof MismatchedInputException mismatch && !field.isEmpty()) {
      return invalid(ex, List.of(new InvalidField(field, reasonOf(mismatch))), headers, request);
    }
    return unreadable(ex, whatIsWrongWith(json), headers, request);
  }

  /** Nothing is mapped at the path: said without Spring's "static resource" wording. */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = Problems.ofStatus(HttpStatus.NOT_FOUND);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
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

  /**
   * Every answer of this handler is problem+json, whatever the client accepts: a client that asked
   * for something else still learns what went wrong, rather than getting a 406 with no body.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.putAll(headers);
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return super.createResponseEntity(body, problemHeaders, statusCode, request);
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

  private ResponseEntity<Object> unreadable(
      Exception ex, String detail, HttpHeaders headers, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setTitle("Unreadable request body");
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** The key given twice, when that is what the parser refused. */
  private static Optional<String> duplicateField(JacksonException json) {
    if (json instanceof StreamReadException
        && json.getOriginalMessage() != null
        && json.getOriginalMessage().startsWith(DUPLICATE)
        && json.processor() instanceof JsonParser parser) {
      // The parser refuses the key as it reads it, so the key is its current name.
      return Optional.ofNullable(parser.currentName());
    }
    return Optional.empty();
  }

  /** What a field of the wrong type or form must be instead. */
  private static String reasonOf(MismatchedInputException mismatch) {
    if (mismatch instanceof RefusedValueException refused) {
      return refused.reason();
    }
    if (mismatch.getTargetType() == String.class) {
      return "must be a string";
    }
    return "has the wrong type";
  }

  private static String whatIsWrongWith(JacksonException json) {
    if (json instanceof MismatchedInputException) {
      // Anything but one object: an array, a bare value, or more after the object.
      return "The body must be one JSON object.";
    }
    if (json instanceof StreamConstraintsException) {
      return "The body's JSON is nested too deeply, or has a name, string or number too long.";
    }
    if (json instanceof StreamReadException) {
      TokenStreamLocation at = json.getLocation();
      return at == null || at.getLineNr() < 1
          ? "The body is not valid JSON."
          : "The body is not valid JSON at line %d, column %d."
              .formatted(at.getLineNr(), at.getColumnNr());
    }
    return "The body could not be read.";
  }

  private static String fieldOf(JacksonException json) {
    return json.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
