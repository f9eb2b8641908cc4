package io.notifier.workflows.delivery;

/** Proof of delivery: which attempt got through, and what the receiver answered. */
public record DeliveryReceipt(int attempt, int httpStatus) {}
