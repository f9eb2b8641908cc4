package io.notifier.web.client;

/**
 * A call that got no HTTP answer: refused, timed out, reset, interrupted. Always worth another try.
 * Its {@link #summary()} names the service and what happened, never an address or an exception, and
 * may be shown to anyone; its message is the full detail, for operators and the logs.
 */
public final class NoAnswer extends RuntimeException {

  private final String summary;

  NoAnswer(String summary, String detail, Throwable cause) {
    super(detail, cause);
    this.summary = summary;
  }

  /** "could not connect to account-api", "no answer from account-api within 10s". */
  public String summary() {
    return summary;
  }

  /** The request, the address and the exception. */
  public String detail() {
    return getMessage();
  }
}
