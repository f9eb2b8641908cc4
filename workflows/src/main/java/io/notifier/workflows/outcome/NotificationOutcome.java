package io.notifier.workflows.outcome;

import io.notifier.workflows.NotifyStatus;
import java.time.Instant;

/**
 * How a notification ended, as its workflow decided: what pay-api's account_pay keeps of it.
 *
 * @param status NOTIFIED, RECONCILED or CLOSED
 * @param attempts delivery attempts made
 * @param payResult what pay-api's query interface reported to reconciliation; null if none asked
 * @param reason in words: how it was delivered or reconciled, or why an operator closed it
 * @param lastError the most recent failure on the way, for anyone; null if none
 */
public record NotificationOutcome(
    String txNo,
    NotifyStatus status,
    Instant finishedAt,
    int attempts,
    String payResult,
    String reason,
    String lastError) {}
