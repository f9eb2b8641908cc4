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
   * The id of this type's event named by {@code key}: a txNo and the entry's number into
   * NEEDS_ATTENTION, a txNo for its reconciliation, a period's start for a recovery.
   */
  public String idFor(String key) {
    return "operator-event:" + type + ":" + key;
  }

  /**
   * The id of the receiver's recovery in the period that holds {@code at}: every notification that
   * recovers in it names the same event, and Temporal starts a workflow id once.
   */
  public static String periodOf(Instant at, Duration period) {
    long millis = period.toMillis();
    Instant start = Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    return RECEIVER_RECOVERED.idFor(start.toString());
  }
}
