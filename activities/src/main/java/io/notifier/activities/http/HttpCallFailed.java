package io.notifier.activities.http;

/** The call got no HTTP answer: refused, timed out, reset. Always worth another try. */
public class HttpCallFailed extends RuntimeException {

  public HttpCallFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
