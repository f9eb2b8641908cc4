package io.notifier.pay.security;

/** Who may call pay-api, by the setting its API key is listed in. */
enum Role {
  /** {@code PAY_API_KEYS}: takes recharges and reads its own. */
  CLIENT,
  /** {@code PAY_API_QUERY_KEYS}: the query interface, for account-api's reconciliations. */
  QUERY,
  /** {@code PAY_API_OPERATOR_KEYS}: reads any recharge, reconciles, reads metrics. */
  OPERATOR
}
