package io.notifier.web.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP answer from another service, whatever its status, and what a caller may ask of it. Which
 * answers end a step is decided by {@link Classified#of}, the one rule every caller follows.
 */
public final class Answer {

  private static final int EXCERPT = 300;

  private final String service;
  private final String method;
  private final URI uri;
  private final int status;
  private final HttpHeaders headers;
  private final String body;
  private final JsonMapper json;

  Answer(
      String service,
      String method,
      URI uri,
      int status,
      HttpHeaders headers,
      String body,
      JsonMapper json) {
    this.service = service;
    this.method = method;
    this.uri = uri;
    this.status = status;
    this.headers = headers;
    this.body = body == null ? "" : body;
    this.json = json;
  }

  public int status() {
    return status;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public String body() {
    return body;
  }

  /** The body as {@code type}, when it is JSON that reads as one; empty otherwise. */
  public <T> Optional<T> bodyAs(Class<T> type) {
    if (!mediaType().equals("application/json") && !isProblem()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(json.readValue(body, type));
    } catch (JacksonException unreadable) {
      return Optional.empty();
    }
  }

  /** Whether the answer is RFC 9457 problem+json: the other service's own words. */
  public boolean isProblem() {
    return mediaType().equals("application/problem+json");
  }

  /**
   * Whether the answer is the other service's problem of {@code type} (a URI, as {@code
   * io.notifier.web.ProblemType} names them) with status {@code status}. A HEAD answer has no body:
   * its Content-Type is all it can show.
   */
  public boolean isProblem(int status, URI type) {
    if (this.status != status || !isProblem()) {
      return false;
    }
    if (method.equals("HEAD")) {
      return true;
    }
    return bodyAs(JsonNode.class)
        .map(problem -> problem.path("type").asString(""))
        .filter(type.toString()::equals)
        .isPresent();
  }

  /** Whether the answer is problem+json with one of {@code statuses}. */
  public boolean isProblemWithStatusIn(int... statuses) {
    for (int candidate : statuses) {
      if (candidate == status) {
        return isProblem();
      }
    }
    return false;
  }

  /**
   * How long a 429 or 503 asks the caller to wait (RFC 9110 Retry-After, in seconds or as an HTTP
   * date); empty when it does not say, or says something unreadable.
   */
  public Optional<Duration> retryAfter(Instant now) {
    if (status != 429 && status != 503) {
      return Optional.empty();
    }
    return headers
        .firstValue("Retry-After")
        .map(String::strip)
        .flatMap(v -> parseRetryAfter(v, now));
  }

  /** What anyone may read: "account-api answered HTTP 503", with no address and no body. */
  public String summary() {
    return service + " answered HTTP " + status;
  }

  /** For operators: "POST http://…/api/notifications: HTTP 503: {…}". */
  public String detail() {
    String excerpt = body.strip();
    if (excerpt.length() > EXCERPT) {
      excerpt = excerpt.substring(0, EXCERPT) + "…";
    }
    return method + " " + uri + ": HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt);
  }

  private String mediaType() {
    return headers
        .firstValue("Content-Type")
        .map(value -> value.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT))
        .orElse("");
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
