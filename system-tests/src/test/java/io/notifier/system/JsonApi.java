package io.notifier.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for one service, as a user's curl would talk to it. */
final class JsonApi {

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

  JsonApi(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Response post(String path, Object body) {
    return post(path, body, Map.of());
  }

  Response post(String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(request::header);
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
      String body = response.body();
      JsonNode json = body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
      return new Response(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach " + request.build().uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
