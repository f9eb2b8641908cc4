package io.notifier.activities.http;

/** How a notifier reads an HTTP answer from the other side. */
public enum Outcome {
  /** 2xx: the other side took it. */
  SUCCESS,
  /** 5xx, 408, 429, 1xx, 3xx, or no answer at all: it may work later, so try again. */
  RETRYABLE,
  /** Any other 4xx: the other side refuses this request, and will refuse it again. */
  PERMANENT;

  public static Outcome ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return SUCCESS;
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      return PERMANENT;
    }
    return RETRYABLE;
  }
}
