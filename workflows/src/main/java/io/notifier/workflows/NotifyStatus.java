package io.notifier.workflows;

/**
 * The life of a notification, as the status query, the NotifyStatus search attribute, pay-api's
 * account_pay.notify_status and the REST API show it.
 *
 * <pre>
 * NOTIFYING ──▶ NOTIFIED
 *     │ the window closed, a rejection, or an operator's reconcile
 *     ▼
 * RECONCILING ──▶ RECONCILED
 *     │ reconciliation could not conclude
 *     ▼
 * NEEDS_ATTENTION ──retry──▶ NOTIFYING   ──reconcile──▶ RECONCILING   ──close──▶ CLOSED
 * </pre>
 *
 * An operator's {@code close} ends any notification that has not settled.
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
  /**
   * Reconciliation settled it: pay-api's own record says what is owed, and the account system
   * credited it, found it credited, or pay-api reports the payment failed, so nothing is owed.
   */
  RECONCILED,
  /**
   * Neither delivery nor reconciliation could settle it (the receiver rejected it and
   * reconciliation could not conclude, or reconciliation gave up): the workflow waits for an
   * operator to {@code retry}, {@code reconcile} or {@code close} it.
   */
  NEEDS_ATTENTION,
  /** An operator closed it with a reason: by the {@code close} signal, or by hand in Temporal. */
  CLOSED,
  /**
   * An ending of the retired workflow types only ({@code NotifyWorkflow}, {@code
   * NotifyWorkflowV2}), which left the account unpaid; pay-api's sweeper starts such a notification
   * again as the current type.
   */
  FAILED;

  /** Whether the notification ended: its workflow completed, or an operator closed it. */
  public boolean finished() {
    return this == NOTIFIED || this == RECONCILED || this == CLOSED || this == FAILED;
  }

  /** Whether the account is settled for good, or an operator took it on: nothing left to do. */
  public boolean settled() {
    return this == NOTIFIED || this == RECONCILED || this == CLOSED;
  }
}
