package io.notifier.account.security;

/** Who may call account-api, by how it authenticates. */
enum Role {
  /** Reads accounts: an API key of {@code ACCOUNT_API_KEYS}. */
  CLIENT,
  /**
   * pay-api: asks whether an account exists (HEAD, no balance) and asks to reconcile: an API key of
   * {@code ACCOUNT_API_PAY_API_KEYS}.
   */
  PAY_API,
  /** Reads accounts, reconciles, reads metrics: an API key of {@code ACCOUNT_API_OPERATOR_KEYS}. */
  OPERATOR,
  /**
   * pay-api's notifier: a notification signed with a secret of {@code NOTIFY_SIGNING_SECRETS} as
   * the message of its own txNo. It may deliver that notification and nothing else.
   */
  NOTIFIER
}
