package io.notifier.workflows.reconciliation;

import io.notifier.workflows.RechargeNotification;

/**
 * What reconciliation found and did: account-api's answer to {@code POST
 * /api/reconciliations/{txNo}}.
 *
 * @param payResult the result pay-api's query interface reports ("success", "fail"), or {@link
 *     #UNKNOWN} when pay-api does not know the txNo
 * @param settled the account was credited by this reconciliation
 * @param alreadySettled the account had been credited before (by a delivery that got through)
 */
public record ReconciliationResult(
    String txNo, String payResult, boolean settled, boolean alreadySettled) {

  public static final String UNKNOWN = "unknown";

  /**
   * Whether the account system now agrees with the pay system: a paid recharge is credited, whoever
   * credited it, or the pay system reports a result with nothing to credit.
   */
  public boolean agreed() {
    boolean nothingToCredit =
        !UNKNOWN.equals(payResult) && !RechargeNotification.SUCCESS.equals(payResult);
    return settled || alreadySettled || nothingToCredit;
  }
}
