package io.notifier.pay.recharge;

/**
 * Published once a recharge's row is committed, and again when a retried request finds a recorded
 * recharge whose notification is not known to have started. Whoever notifies others of recharges
 * listens; the recharge side knows nothing of them.
 */
public record RechargeRecorded(Recharge recharge) {}
