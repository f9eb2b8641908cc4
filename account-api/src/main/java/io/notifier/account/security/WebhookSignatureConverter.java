package io.notifier.account.security;

import io.notifier.web.StrictRequestFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a Standard Webhooks signature: when a request carries any {@code webhook-*} header, its
 * three headers and the raw body, as web-common's StrictRequestFilter read it before Spring
 * Security's chain runs. A request with none of them is not signed: another credential, or none.
 */
final class WebhookSignatureConverter implements AuthenticationConverter {

  static final String ID = "webhook-id";
  static final String TIMESTAMP = "webhook-timestamp";
  static final String SIGNATURE = "webhook-signature";

  @Override
  public Authentication convert(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : List.of(ID, TIMESTAMP, SIGNATURE)) {
      String value = request.getHeader(name);
      if (value != null) {
        headers.put(name, List.of(value));
      }
    }
    if (headers.isEmpty()) {
      return null;
    }
    if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      throw new BadCredentialsException("both a webhook signature and an API key: send one");
    }
    byte[] body =
        StrictRequestFilter.bodyOf(request)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the body must have been read by StrictRequestFilter first"));
    return WebhookSignatureAuthentication.presented(headers, body);
  }
}
