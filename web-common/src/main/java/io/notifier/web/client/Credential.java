package io.notifier.web.client;

import java.net.http.HttpRequest;

/**
 * How a request proves who sends it: an API key, a signature over the bytes sent, or nothing.
 * Applied last, to the exact request that goes out.
 */
@FunctionalInterface
public interface Credential {

  /**
   * @param messageId the message's id where the request is one (a notification's txNo), else null
   * @param body the exact bytes sent, as text ("" for none)
   */
  void apply(HttpRequest.Builder request, String messageId, String body);

  /** {@code Authorization: Bearer <key>}. */
  static Credential bearer(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an API key is required");
    }
    return (request, messageId, body) -> request.header("Authorization", "Bearer " + key);
  }

  static Credential none() {
    return (request, messageId, body) -> {};
  }
}
