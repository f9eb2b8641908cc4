package io.notifier.workflows.reconciliation;

import io.notifier.workflows.RechargeNotification;

/**
 * What reconciliation found and did: account-api's answer to {@code POST
 * /api/reconciliations/{txNo}}.
 *
 * @param payResult the result pay-api's query interface reports ({@value
 *     RechargeNotification#SUCCESS}, {@value #FAIL}), or {@link #UNKNOWN} when pay-api does not
 *     know the txNo
 * @param settled the account was credited by this reconciliation
 * @param alreadySettled the account had been credited before (by a delivery that got through)
 */
public record ReconciliationResult(
    String txNo, String payResult, boolean settled, boolean alreadySettled) {

  /** pay-api's result for a payment that failed: nothing is owed. */
  public static final String FAIL = "fail";

  public static final String UNKNOWN = "unknown";

  /**
   * Whether reconciliation settled the notification: pay-api reports the recharge paid and the
   * account is credited, whoever credited it, or pay-api reports the payment failed, so nothing is
   * owed. Anything else (pay-api does not know the txNo) leaves it for an operator.
   */
  public boolean concluded() {
    boolean credited =
        RechargeNotification.SUCCESS.equals(payResult) && (settled || alreadySettled);
    return credited || FAIL.equals(payResult);
  }

  /** pay-api answered that it has no recharge with this txNo. */
  public static ReconciliationResult unknown(String txNo) {
    return new ReconciliationResult(txNo, UNKNOWN, false, false);
  }
}
