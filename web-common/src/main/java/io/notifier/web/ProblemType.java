package io.notifier.web;

import java.net.URI;

/**
 * The business answers a caller may act on, each with a problem type of its own: a 404 or 409
 * without one (a gateway's page, Spring's "nothing at this path") says nothing about the
 * transaction, and a caller treats it as a passing failure. Types are URIs under {@link #BASE}, a
 * name reserved for documentation (RFC 2606): they identify, and never resolve.
 */
public enum ProblemType {
  /** pay-api has no recharge with this txNo (or it is not the caller's to know of). */
  UNKNOWN_TX_NO("unknown-tx-no"),
  /** The account system has no account with this number. */
  UNKNOWN_ACCOUNT("unknown-account"),
  /** The txNo was credited with another account or amount than this request says. */
  SETTLED_DIFFERENTLY("settled-differently"),
  /** The client used this Idempotency-Key for another request. */
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused");

  public static final String BASE = "https://notifier.example/problems/";

  private final URI uri;

  ProblemType(String slug) {
    this.uri = URI.create(BASE + slug);
  }

  public URI uri() {
    return uri;
  }
}
