package io.notifier.activities.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.notifier.activities.signing.WebhookIds;
import io.notifier.activities.signing.WebhookSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A small JSON-over-HTTP client for activities. Both timeouts are explicit and must stay shorter
 * than the activity's StartToClose timeout: an attempt that Temporal times out carries no retry
 * delay, so the escalating schedule only holds when the HTTP call gives up first.
 *
 * <p>Every request it sends is signed (Standard Webhooks, {@link WebhookSigner}): the body is
 * serialized once, and the bytes signed are the bytes sent.
 */
public final class JsonHttp {

  private static final String JSON = "application/json";

  private final HttpClient client;
  private final ObjectMapper mapper;
  private final Duration requestTimeout;
  private final WebhookSigner signer;

  public JsonHttp(Duration connectTimeout, Duration requestTimeout, WebhookSigner signer) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.mapper =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    this.requestTimeout = requestTimeout;
    this.signer = signer;
  }

  public Response post(URI uri, Object body) {
    String json = write(body);
    return send(
        signed(request(uri), WebhookIds.of(uri, body), json)
            .header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.getBytes(StandardCharsets.UTF_8)))
            .build());
  }

  /** A POST without a body, for an action named by its URI; its signature covers the empty body. */
  public Response post(URI uri) {
    return send(
        signed(request(uri), WebhookIds.of(uri, null), "")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  public <T> T read(Response response, Class<T> type) {
    try {
      return mapper.readValue(response.body(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "unreadable answer from " + response.uri() + ": " + response.excerpt(), e);
    }
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", JSON);
  }

  private HttpRequest.Builder signed(HttpRequest.Builder request, String id, String payload) {
    return signer.sign(id, payload).applyTo(request);
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          request.uri(), response.statusCode(), response.headers(), response.body());
    } catch (HttpTimeoutException e) {
      throw new HttpCallFailed("no answer from " + request.uri() + " within the timeout", e);
    } catch (ConnectException e) {
      throw new HttpCallFailed("cannot connect to " + request.uri() + " (" + e + ")", e);
    } catch (IOException e) {
      throw new HttpCallFailed("call to " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpCallFailed("call to " + request.uri() + " was interrupted", e);
    }
  }

  private String write(Object body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTP answer, whatever its status. */
  public record Response(URI uri, int status, HttpHeaders headers, String body) {

    private static final int EXCERPT = 300;

    public Outcome outcome() {
      return Outcome.ofStatus(status);
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
          .flatMap(value -> RetryAfter.parse(value, now));
    }

    /** The start of the body, for error messages and the Web UI. */
    public String excerpt() {
      String text = body == null ? "" : body.strip();
      return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }

    /** "HTTP 503 from http://…: {…}", the way an attempt's error reads in the status. */
    public String describe() {
      String excerpt = excerpt();
      return "HTTP " + status + " from " + uri + (excerpt.isEmpty() ? "" : ": " + excerpt);
    }
  }
}
