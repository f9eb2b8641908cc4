package io.notifier.system;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for one service, as a user's curl would talk to it: with an API key
 * ({@link #as}), signed as the notifier signs ({@link #signedWith}), or with no credential.
 */
final class JsonApi {

  /** What a request carries to say who sends it, given its body. */
  interface Credential {
    Credential NONE = (request, body) -> {};

    void apply(HttpRequest.Builder request, String body);
  }

  record Response(int status, JsonNode body, HttpResponse<String> raw) {
    String text(String field) {
      return body.path(field).asString();
    }
  }

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final URI base;
  private final Credential credential;

  JsonApi(int port) {
    this(URI.create("http://127.0.0.1:" + port), Credential.NONE);
  }

  private JsonApi(URI base, Credential credential) {
    this.base = base;
    this.credential = credential;
  }

  /** The same service, called with {@code Authorization: Bearer <key>}. */
  JsonApi as(String key) {
    return new JsonApi(base, (request, body) -> request.header("Authorization", "Bearer " + key));
  }

  /** The same service, called with {@code credential}. */
  JsonApi with(Credential credential) {
    return new JsonApi(base, credential);
  }

  /**
   * The same service, called as pay-api's notifier calls it: signed with each of {@code secrets}.
   */
  JsonApi signedWith(String... secrets) {
    return with(signature(Clock.systemUTC(), secrets));
  }

  /**
   * A Standard Webhooks signature over the body, made at {@code clock}'s time, as the message of
   * the body's txNo (as pay-api signs a notification).
   */
  static Credential signature(Clock clock, String... secrets) {
    return signatureAs(null, clock, secrets);
  }

  /** As {@link #signature}, but as the message {@code id} whatever the body says. */
  static Credential signatureAs(String messageId, Clock clock, String... secrets) {
    return (request, body) -> {
      String id = messageId != null ? messageId : idOf(body);
      long timestamp = clock.instant().getEpochSecond();
      request
          .header("webhook-id", id)
          .header("webhook-timestamp", Long.toString(timestamp))
          .header(
              "webhook-signature",
              Stream.of(secrets)
                  .map(secret -> sign(secret, id, timestamp, body))
                  .collect(Collectors.joining(" ")));
    };
  }

  private static String idOf(String body) {
    if (body.isBlank()) {
      return "msg_" + UUID.randomUUID();
    }
    String txNo = JSON.readTree(body).path("txNo").asString("");
    return txNo.isEmpty() ? "msg_" + UUID.randomUUID() : txNo;
  }

  private static String sign(String secret, String id, long timestamp, String body) {
    try {
      return new Webhook(secret).sign(id, timestamp, body);
    } catch (WebhookSigningException e) {
      throw new IllegalStateException(e);
    }
  }

  Response get(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    credential.apply(request, "");
    return send(request);
  }

  /** The body of a GET as text, such as Prometheus' exposition format; fails unless 200. */
  String getText(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    credential.apply(request, "");
    try {
      HttpResponse<String> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + base.resolve(path), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code HEAD}: the status and headers a GET would have, without its body. */
  Response head(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody());
    credential.apply(request, "");
    return send(request);
  }

  Response post(String path, Object body) {
    return post(path, body, Map.of());
  }

  Response post(String path, Object body, Map<String, String> headers) {
    return postRaw(path, JSON.writeValueAsString(body), headers);
  }

  /** Posts {@code json} as it is, byte for byte. */
  Response postRaw(String path, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    credential.apply(request, json);
    return send(request);
  }

  /** True when the service answers its readiness probe. */
  boolean ready() {
    try {
      return get("/actuator/health/readiness").status() == 200;
    } catch (IllegalStateException unreachable) {
      return false;
    }
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      // A gateway's own answer (nginx's 502 page while an instance restarts) is HTML: no JSON.
      boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
      String body = response.body();
      JsonNode json = body.isBlank() || !isJson ? JSON.missingNode() : JSON.readTree(body);
      return new Response(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + request.build().uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
