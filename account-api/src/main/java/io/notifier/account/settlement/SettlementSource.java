package io.notifier.account.settlement;

/** How the account system learned of a recharge. */
public enum SettlementSource {
  /** The pay system's notification arrived. */
  NOTIFICATION,
  /** The account system asked the pay system's query interface. */
  RECONCILIATION
}
