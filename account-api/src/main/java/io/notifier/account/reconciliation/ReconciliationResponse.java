package io.notifier.account.reconciliation;

/**
 * What the account system's own check found and did.
 *
 * @param payResult the result pay-api reports for the txNo
 * @param settled this check credited the account
 * @param alreadySettled the txNo had been credited before (by a notification, or an earlier check)
 */
record ReconciliationResponse(
    String txNo, String payResult, boolean settled, boolean alreadySettled) {}
