package io.notifier.activities.http;

/** How a notifier reads an HTTP answer from the other side. */
public enum Outcome {
  /** 2xx: the other side took it. */
  SUCCESS,
  /**
   * Anything but a 2xx or a business rejection: 5xx, 408, 429, but also 401, 403, 404, 405, 413,
   * 415 and the other 4xx, which say more of the receiver's set-up (a wrong secret, a wrong URL, a
   * proxy in the way) than of the notification, and heal when it is fixed; and no answer at all.
   */
  RETRYABLE,
  /**
   * 400, 409, 422: the receiver read this notification and refuses it (malformed, contradicting
   * what it holds, an account it does not have), and would refuse it again.
   */
  REJECTED;

  public static Outcome ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return SUCCESS;
    }
    if (status == 400 || status == 409 || status == 422) {
      return REJECTED;
    }
    return RETRYABLE;
  }
}
