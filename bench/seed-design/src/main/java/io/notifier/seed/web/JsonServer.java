package io.notifier.seed.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JDK's HTTP server on a loopback port, a virtual thread per request, JSON in and out: the
 * smallest web layer that serves the REST contract. (The notifier's services run Spring MVC on
 * Tomcat; account-api alone shows what that layer costs.)
 */
public final class JsonServer implements AutoCloseable {

  public record Reply(int status, Object body) {}

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;

  private JsonServer(HttpServer server) {
    this.server = server;
  }

  /** Serves {@code handler(method, path, body)} for every request. */
  public static JsonServer start(int port, Handler handler) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
    return new JsonServer(server);
  }

  /** A request, routed by its method and path. */
  public interface Handler {
    Reply handle(String method, String path, Supplier<JsonNode> body);
  }

  private static void serve(HttpExchange exchange, Handler handler) throws IOException {
    Reply reply;
    try {
      reply =
          handler.handle(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              () -> {
                try {
                  return JSON.readTree(exchange.getRequestBody());
                } catch (RuntimeException e) {
                  return JSON.missingNode();
                }
              });
    } catch (RuntimeException e) {
      reply = new Reply(500, Map.of("error", String.valueOf(e)));
    }
    byte[] bytes = JSON.writeValueAsString(reply.body()).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
