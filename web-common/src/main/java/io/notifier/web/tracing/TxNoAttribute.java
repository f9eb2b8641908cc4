package io.notifier.web.tracing;

import io.micrometer.common.KeyValue;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The txNo as an attribute of a span, under one name in both services: a recharge's trace, and each
 * part of it, is found by its txNo in a trace UI as its workflow is in Temporal's.
 */
public final class TxNoAttribute {

  public static final String KEY = "txNo";

  private TxNoAttribute() {}

  /**
   * On the span of the HTTP request being served. High cardinality: it goes to the span, never into
   * the tags of {@code http.server.requests}.
   */
  public static void onRequest(HttpServletRequest request, String txNo) {
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(observation -> observation.addHighCardinalityKeyValue(KeyValue.of(KEY, txNo)));
  }
}
