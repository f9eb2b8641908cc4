package io.notifier.bench.http;

import io.notifier.activities.signing.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP/1.1 to one service, as a client of the REST contract talks to it. The JDK client
 * opens a connection per concurrent request and keeps them alive, so C client threads use C
 * connections.
 *
 * <p>Ready for the secured API: pay-api will want {@code Authorization: Bearer <key>} and
 * account-api signed notifications; {@link #withBearer} and {@link #withSigner} add them.
 */
public final class Api {

  public record Response(int status, JsonNode body) {
    public String text(String field) {
      return body.path(field).asString();
    }
  }

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final Optional<String> bearer;
  private final Optional<WebhookSigner> signer;

  private Api(URI base, Optional<String> bearer, Optional<WebhookSigner> signer) {
    this.base = base;
    this.bearer = bearer;
    this.signer = signer;
  }

  public static Api at(URI base) {
    return new Api(base, Optional.empty(), Optional.empty());
  }

  /** Sends {@code Authorization: Bearer <key>} with every request, if a key is given. */
  public Api withBearer(Optional<String> key) {
    return new Api(base, key.filter(k -> !k.isBlank()), signer);
  }

  /**
   * Signs every POST body (Standard Webhooks), if a signer is given, as pay-api's notifier does; a
   * signed POST carries no key (account-api refuses a request that carries both).
   */
  public Api withSigner(Optional<WebhookSigner> webhookSigner) {
    return new Api(base, bearer, webhookSigner);
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  /** GET of a text resource, such as a Prometheus scrape. */
  public String getText(String path) {
    try {
      return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + base.resolve(path), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path, Object body) {
    String json = JSON.writeValueAsString(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (signer.isPresent()) {
      signer.get().sign(messageId(body), json).applyTo(request);
    } else {
      bearer.ifPresent(key -> request.header("Authorization", "Bearer " + key));
    }
    return send(request);
  }

  /** The txNo of a notification, as pay-api's notifier names its messages; else a fresh id. */
  private static String messageId(Object body) {
    if (body instanceof java.util.Map<?, ?> map && map.get("txNo") != null) {
      return String.valueOf(map.get("txNo"));
    }
    return "msg_" + java.util.UUID.randomUUID();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    bearer.ifPresent(key -> request.header("Authorization", "Bearer " + key));
    return request;
  }

  private Response send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      JsonNode json = body.isBlank() ? JSON.missingNode() : readOrText(body);
      return new Response(response.statusCode(), json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + built.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readOrText(String body) {
    try {
      return JSON.readTree(body);
    } catch (RuntimeException notJson) {
      return JSON.getNodeFactory().textNode(body);
    }
  }
}
