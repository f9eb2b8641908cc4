package io.notifier.traceui;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * An OTLP/HTTP receiver for traces that hands each batch on to Zipkin: the services export OTLP, as
 * to any collector, and Zipkin's UI shows their traces. Zipkin's server takes only its own formats,
 * and the OTLP collector module of its contrib project is not published to Maven Central; Jaeger,
 * which takes OTLP itself, cannot be had with its UI from the registries this project installs from
 * (the UI is built apart from its Go module, which holds a placeholder page).
 *
 * <p>{@code POST /v1/traces} with {@code application/x-protobuf} (gzip or not), as OpenTelemetry's
 * exporters send it: 200 once Zipkin took the spans; 503 when Zipkin did not, which the exporters
 * retry; 400 for a body that is not an OTLP request; 415 for OTLP's JSON encoding, which the
 * services do not send.
 *
 * <p>{@code java -jar trace-ui-exec.jar [listen-host:port] [zipkin-url]}, by default {@code
 * 127.0.0.1:4318} and {@code http://127.0.0.1:9411}. scripts/trace-ui.sh runs it beside Zipkin.
 */
public final class OtlpZipkinRelay implements AutoCloseable {

  private static final String PROTOBUF = "application/x-protobuf";
  private static final Duration ZIPKIN_TIMEOUT = Duration.ofSeconds(5);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(executor).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final ZipkinSpans translation = new ZipkinSpans(json);
  private final URI zipkinSpans;

  private OtlpZipkinRelay(HttpServer server, URI zipkin) {
    this.server = server;
    this.zipkinSpans = zipkin.resolve("/api/v2/spans");
  }

  /**
   * Listens on {@code listen} (port 0: any free one) and relays to the Zipkin at {@code zipkin}.
   */
  public static OtlpZipkinRelay start(InetSocketAddress listen, URI zipkin) throws IOException {
    OtlpZipkinRelay relay = new OtlpZipkinRelay(HttpServer.create(listen, 64), zipkin);
    relay.server.createContext("/v1/traces", relay::handle);
    relay.server.setExecutor(relay.executor);
    relay.server.start();
    return relay;
  }

  /** Where the services send their spans: {@code http://<host>:<port>/v1/traces}. */
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/v1/traces");
  }

  public static void main(String[] args) throws IOException {
    String listen = args.length > 0 ? args[0] : "127.0.0.1:4318";
    URI zipkin = URI.create(args.length > 1 ? args[1] : "http://127.0.0.1:9411");
    int colon = listen.lastIndexOf(':');
    OtlpZipkinRelay relay =
        start(
            new InetSocketAddress(
                listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))),
            zipkin);
    Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "stop-relay"));
    System.out.printf(
        "Relaying OTLP over HTTP from %s to Zipkin at %s%n", relay.endpoint(), relay.zipkinSpans);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/v1/traces")) {
        respond(exchange, 404, "text/plain", "Only /v1/traces is served here.");
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().add("Allow", "POST");
        respond(exchange, 405, "text/plain", "POST OTLP spans to /v1/traces.");
        return;
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
        respond(exchange, 415, "text/plain", "Only OTLP's binary encoding, " + PROTOBUF + ".");
        return;
      }
      ExportTraceServiceRequest request;
      try (InputStream body = body(exchange)) {
        request = ExportTraceServiceRequest.parseFrom(body);
      } catch (InvalidProtocolBufferException e) {
        respond(exchange, 400, "text/plain", "Not an OTLP trace export: " + e.getMessage());
        return;
      }
      ArrayNode spans = translation.of(request);
      if (!spans.isEmpty()) {
        String refused = sendToZipkin(spans);
        if (refused != null) {
          System.err.println("Zipkin did not take " + spans.size() + " spans: " + refused);
          respond(exchange, 503, "text/plain", "Zipkin did not take the spans: " + refused);
          return;
        }
      }
      byte[] accepted = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", PROTOBUF);
      exchange.sendResponseHeaders(200, accepted.length == 0 ? -1 : accepted.length);
      exchange.getResponseBody().write(accepted);
    }
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream body = exchange.getRequestBody();
    return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
  }

  /** Null once Zipkin took them, else why not. */
  private String sendToZipkin(ArrayNode spans) {
    HttpRequest post =
        HttpRequest.newBuilder(zipkinSpans)
            .timeout(ZIPKIN_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(spans)))
            .build();
    try {
      HttpResponse<String> response = client.send(post, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() / 100 == 2
          ? null
          : "HTTP " + response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return "cannot reach " + zipkinSpans + ": " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
