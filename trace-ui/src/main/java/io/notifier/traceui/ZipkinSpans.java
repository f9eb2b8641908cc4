package io.notifier.traceui;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OTLP spans as Zipkin v2 JSON, mapped as OpenTelemetry's specification of a Zipkin exporter says
 * (its "OpenTelemetry to Zipkin Transformation"): the resource's {@code service.name} is the local
 * endpoint's service, attributes are tags (as strings), an ERROR status is the tag {@code error}
 * with the status's message, which Zipkin's UI shows in red, and events are annotations ({@code
 * "name":{attributes}}). Zipkin keeps names in lower case: {@code RunActivity:Deliver} shows as
 * {@code runactivity:deliver}.
 */
final class ZipkinSpans {

  private static final HexFormat HEX = HexFormat.of();
  private static final String UNKNOWN_SERVICE = "unknown_service";

  private final JsonMapper json;

  ZipkinSpans(JsonMapper json) {
    this.json = json;
  }

  /** Every span of the request, in the order it holds them; none without ids. */
  ArrayNode of(ExportTraceServiceRequest request) {
    ArrayNode spans = json.createArrayNode();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      String service = serviceName(resourceSpans.getResource());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          if (span.getTraceId().isEmpty() || span.getSpanId().isEmpty()) {
            continue; // Zipkin refuses a span without ids, and with it the whole batch
          }
          spans.add(span(span, service, scopeSpans));
        }
      }
    }
    return spans;
  }

  private ObjectNode span(Span span, String service, ScopeSpans scope) {
    ObjectNode zipkin = json.createObjectNode();
    zipkin.put("traceId", hex(span.getTraceId()));
    zipkin.put("id", hex(span.getSpanId()));
    if (!span.getParentSpanId().isEmpty()) {
      zipkin.put("parentId", hex(span.getParentSpanId()));
    }
    zipkin.put("name", span.getName());
    String kind = kind(span.getKind());
    if (kind != null) {
      zipkin.put("kind", kind);
    }
    long start = micros(span.getStartTimeUnixNano());
    zipkin.put("timestamp", start);
    // Zipkin takes 0 for "unknown": a span that took less than a microsecond took one.
    zipkin.put("duration", Math.max(1, micros(span.getEndTimeUnixNano()) - start));
    zipkin.putObject("localEndpoint").put("serviceName", service);

    ObjectNode tags = zipkin.putObject("tags");
    for (KeyValue attribute : span.getAttributesList()) {
      tags.put(attribute.getKey(), text(attribute.getValue()));
    }
    String scopeName = scope.getScope().getName();
    if (!scopeName.isEmpty()) {
      tags.put("otel.scope.name", scopeName);
    }
    if (!scope.getScope().getVersion().isEmpty()) {
      tags.put("otel.scope.version", scope.getScope().getVersion());
    }
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      tags.put("otel.status_code", "ERROR");
      tags.put("error", span.getStatus().getMessage());
    } else if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_OK) {
      tags.put("otel.status_code", "OK");
    }
    if (tags.isEmpty()) {
      zipkin.remove("tags");
    }

    if (span.getEventsCount() > 0) {
      ArrayNode annotations = zipkin.putArray("annotations");
      for (Span.Event event : span.getEventsList()) {
        annotations
            .addObject()
            .put("timestamp", micros(event.getTimeUnixNano()))
            .put("value", annotation(event));
      }
    }
    return zipkin;
  }

  private String annotation(Span.Event event) {
    if (event.getAttributesCount() == 0) {
      return event.getName();
    }
    ObjectNode attributes = json.createObjectNode();
    for (KeyValue attribute : event.getAttributesList()) {
      attributes.put(attribute.getKey(), text(attribute.getValue()));
    }
    return json.writeValueAsString(event.getName()) + ":" + json.writeValueAsString(attributes);
  }

  private static String serviceName(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals("service.name") && attribute.getValue().hasStringValue()) {
        return attribute.getValue().getStringValue();
      }
    }
    return UNKNOWN_SERVICE;
  }

  private static String kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_SERVER -> "SERVER";
      case SPAN_KIND_CLIENT -> "CLIENT";
      case SPAN_KIND_PRODUCER -> "PRODUCER";
      case SPAN_KIND_CONSUMER -> "CONSUMER";
      default -> null; // internal spans have no kind in Zipkin
    };
  }

  /** A tag's value: a string as it is, anything else as its JSON. */
  private String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case INT_VALUE -> String.valueOf(value.getIntValue());
      case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> json.writeValueAsString(texts(value.getArrayValue().getValuesList()));
      case KVLIST_VALUE -> {
        ObjectNode object = json.createObjectNode();
        value
            .getKvlistValue()
            .getValuesList()
            .forEach(kv -> object.put(kv.getKey(), text(kv.getValue())));
        yield json.writeValueAsString(object);
      }
      default -> "";
    };
  }

  private List<String> texts(List<AnyValue> values) {
    return values.stream().map(this::text).toList();
  }

  private static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  private static long micros(long nanos) {
    return nanos / 1_000;
  }
}
