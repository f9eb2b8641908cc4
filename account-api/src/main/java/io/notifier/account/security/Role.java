package io.notifier.account.security;

/** Who may call account-api, by how it authenticates. */
enum Role {
  /** Reads accounts: an API key of {@code ACCOUNT_API_KEYS}. */
  CLIENT,
  /** Reads accounts, reconciles, reads metrics: an API key of {@code ACCOUNT_API_OPERATOR_KEYS}. */
  OPERATOR,
  /** pay-api's notifier: a request signed with a secret of {@code NOTIFY_SIGNING_SECRETS}. */
  NOTIFIER
}
