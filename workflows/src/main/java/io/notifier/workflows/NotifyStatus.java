package io.notifier.workflows;

/**
 * The life of a notification, as the status query, the NotifyStatus search attribute and the REST
 * API show it.
 */
public enum NotifyStatus {
  /** Recorded by pay-api, but its workflow has not started yet (Temporal was unreachable). */
  PENDING,
  /** Delivery attempts are under way on the schedule. */
  NOTIFYING,
  /** The account system acknowledged the notification. */
  NOTIFIED,
  /** The window closed, or an operator asked: waiting for, or running, reconciliation. */
  RECONCILING,
  /** Reconciliation found the recharge paid and the account settled. */
  RECONCILED,
  /** The receiver rejected the notification, or the pay system reports nothing to settle. */
  FAILED;

  public boolean finished() {
    return this == NOTIFIED || this == RECONCILED || this == FAILED;
  }
}
