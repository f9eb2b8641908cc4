package io.notifier.traceui;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The relay between the services' OTLP and a stand-in Zipkin that keeps what it is posted. */
class OtlpZipkinRelayTest {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN_ID = "b7ad6b7169203331";
  private static final String PARENT_ID = "00f067aa0ba902b7";

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<JsonNode> zipkinGot = new CopyOnWriteArrayList<>();
  private HttpServer zipkin;
  private OtlpZipkinRelay relay;

  @BeforeEach
  void startZipkinAndTheRelay() throws Exception {
    zipkin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    zipkin.createContext(
        "/api/v2/spans",
        exchange -> {
          zipkinGot.add(json.readTree(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    zipkin.start();
    relay =
        OtlpZipkinRelay.start(
            new InetSocketAddress("127.0.0.1", 0),
            URI.create("http://127.0.0.1:" + zipkin.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    relay.close();
    zipkin.stop(0);
  }

  @Test
  void givenAFailedActivityAttemptInOtlp_whenExported_thenZipkinGetsItAsARedSpanOfTheService()
      throws Exception {
    HttpResponse<byte[]> response = export(request(), false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(zipkinGot).singleElement();
    JsonNode span = zipkinGot.getFirst().get(0);
    assertThat(span.path("traceId").asString()).isEqualTo(TRACE_ID);
    assertThat(span.path("id").asString()).isEqualTo(SPAN_ID);
    assertThat(span.path("parentId").asString()).isEqualTo(PARENT_ID);
    assertThat(span.path("name").asString()).isEqualTo("RunActivity:Deliver");
    assertThat(span.path("kind").asString()).isEqualTo("SERVER");
    assertThat(span.path("timestamp").asLong()).isEqualTo(1_700_000_000_000_000L);
    assertThat(span.path("duration").asLong()).isEqualTo(250_000L);
    assertThat(span.path("localEndpoint").path("serviceName").asString()).isEqualTo("pay-api");
    assertThat(span.path("tags").path("txNo").asString()).isEqualTo("01TX");
    assertThat(span.path("tags").path("failed").asString()).isEqualTo("true");
    assertThat(span.path("tags").path("error").asString()).isEqualTo("could not connect");
    assertThat(span.path("tags").path("otel.scope.name").asString()).isEqualTo("temporal");
    assertThat(span.path("annotations").get(0).path("value").asString())
        .isEqualTo("\"exception\":{\"exception.type\":\"ConnectException\"}");
  }

  @Test
  void givenAGzippedExport_whenExported_thenZipkinGetsItToo() throws Exception {
    assertThat(export(request(), true).statusCode()).isEqualTo(200);
    assertThat(zipkinGot).singleElement();
  }

  @Test
  void givenZipkinDown_whenExported_thenTheExporterIsToldToRetry() throws Exception {
    zipkin.stop(0);

    HttpResponse<byte[]> response = export(request(), false);

    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void givenOtlpJson_whenExported_thenRefusedAsAnEncodingNotServed() throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(relay.endpoint())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(zipkinGot).isEmpty();
  }

  private HttpResponse<byte[]> export(ExportTraceServiceRequest request, boolean gzip)
      throws Exception {
    byte[] body = request.toByteArray();
    HttpRequest.Builder post =
        HttpRequest.newBuilder(relay.endpoint()).header("Content-Type", "application/x-protobuf");
    if (gzip) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
        out.write(body);
      }
      body = zipped.toByteArray();
      post.header("Content-Encoding", "gzip");
    }
    return http.send(
        post.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static ExportTraceServiceRequest request() {
    Span span =
        Span.newBuilder()
            .setTraceId(id(TRACE_ID))
            .setSpanId(id(SPAN_ID))
            .setParentSpanId(id(PARENT_ID))
            .setName("RunActivity:Deliver")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(1_700_000_000_000_000_000L)
            .setEndTimeUnixNano(1_700_000_000_250_000_000L)
            .addAttributes(attribute("txNo", AnyValue.newBuilder().setStringValue("01TX")))
            .addAttributes(attribute("failed", AnyValue.newBuilder().setBoolValue(true)))
            .addEvents(
                Span.Event.newBuilder()
                    .setTimeUnixNano(1_700_000_000_200_000_000L)
                    .setName("exception")
                    .addAttributes(
                        attribute(
                            "exception.type",
                            AnyValue.newBuilder().setStringValue("ConnectException"))))
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("could not connect"))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(
                            attribute(
                                "service.name", AnyValue.newBuilder().setStringValue("pay-api"))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("temporal"))
                        .addSpans(span)))
        .build();
  }

  private static KeyValue attribute(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
