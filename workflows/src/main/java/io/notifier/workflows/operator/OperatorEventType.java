package io.notifier.workflows.operator;

import java.time.Duration;
import java.time.Instant;

/** The events an operator hears of, each named as its {@code type} says on the wire. */
public enum OperatorEventType {

  /**
   * A notification entered NEEDS_ATTENTION: it waits for an operator's retry, reconcile or close.
   */
  NEEDS_ATTENTION("notification.needs_attention"),

  /**
   * Reconciliation credited the account: what delivery could not bring, the pay system's query
   * interface settled, after the window or on an operator's request.
   */
  RECONCILED("notification.reconciled"),

  /**
   * A notification got through after failed attempts: the receiver answers again. One per period at
   * most (see {@link #periodOf}), however many notifications were waiting for it.
   */
  RECEIVER_RECOVERED("receiver.recovered");

  private final String type;

  OperatorEventType(String type) {
    this.type = type;
  }

  /** The name on the wire, in the body's {@code type}. */
  public String type() {
    return type;
  }

  /**
   * The event's id, unique per notification and occurrence: the {@code n}th entry into
   * NEEDS_ATTENTION, the one reconciliation.
   */
  public String idFor(String txNo, int n) {
    return "operator-event:" + type + ":" + txNo + (this == NEEDS_ATTENTION ? ":" + n : "");
  }

  /**
   * The id of the receiver's recovery in the period that holds {@code at}: every notification that
   * recovers in it names the same event, and Temporal starts a workflow id once.
   */
  public static String periodOf(Instant at, Duration period) {
    long millis = period.toMillis();
    Instant start = Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    return "operator-event:" + RECEIVER_RECOVERED.type + ":" + start;
  }
}
