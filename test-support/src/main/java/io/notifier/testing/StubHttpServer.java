package io.notifier.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for account-api or pay-api in workflow tests: real HTTP on a loopback port, with
 * answers the test sets per path, a record of what arrived, and a way to go down (connection
 * refused) and come back on the same port.
 */
public final class StubHttpServer implements AutoCloseable {

  /** What arrived. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, String body) {

    /** The first value of header {@code name}, whatever its case, or null. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(header -> header.getKey().equalsIgnoreCase(name))
          .flatMap(header -> header.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  /** What to answer, with headers of its own (Retry-After, say; a Content-Type other than JSON). */
  public record Answer(int status, String body, Map<String, String> headers) {

    public Answer(int status, String body) {
      this(status, body, Map.of());
    }
  }

  private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private int port; // 0 until the first start picks a free one
  private HttpServer server;

  private StubHttpServer() {}

  public static StubHttpServer start() {
    StubHttpServer stub = new StubHttpServer();
    stub.up();
    return stub;
  }

  /** Answers {@code status} with {@code body} to every request for {@code path}. */
  public StubHttpServer answer(String path, int status, String body) {
    return answer(path, request -> new Answer(status, body));
  }

  public StubHttpServer answer(String path, Function<Received, Answer> answer) {
    answers.put(path, answer);
    return this;
  }

  /** Stops listening: clients get "connection refused" until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again, on the port it had. */
  public synchronized void up() {
    if (server != null) {
      return;
    }
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getAddress().getPort();
    server.createContext("/", this::handle);
    // A request that hangs (a receiver that never answers) must not hold up the others.
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  public synchronized URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> received(String method, String path) {
    return received.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Received request =
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      received.add(request);
      Answer answer =
          answers.getOrDefault(request.path(), r -> new Answer(404, "{}")).apply(request);
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json"); // unless it says
      answer.headers().forEach(exchange.getResponseHeaders()::set);
      boolean head = request.method().equals("HEAD");
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 || head ? -1 : bytes.length);
      if (bytes.length > 0 && !head) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  @Override
  public void close() {
    down();
  }
}
