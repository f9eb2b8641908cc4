package io.notifier.activities.reconciliation;

/**
 * What reconciliation found and did.
 *
 * @param payResult the result pay-api's query interface reports ("success", "fail", …), or {@link
 *     #UNKNOWN} when pay-api does not know the txNo
 * @param settled the account was credited by this reconciliation
 * @param alreadySettled the account had been credited before (by a delivery that got through)
 */
public record ReconciliationResult(
    String txNo, String payResult, boolean settled, boolean alreadySettled) {

  public static final String UNKNOWN = "unknown";

  /** Whether the account now holds the recharge, whoever credited it. */
  public boolean accountSettled() {
    return settled || alreadySettled;
  }
}
