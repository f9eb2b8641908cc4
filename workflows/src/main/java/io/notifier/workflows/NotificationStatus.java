package io.notifier.workflows;

import java.time.Instant;
import java.util.List;

/**
 * A notification's state, as the {@code status} query returns it and as the workflow ends with.
 *
 * @param attempts delivery attempts made so far
 * @param lastError the most recent failure, for people
 * @param nextAttemptAt when the next delivery attempt, or the timed reconciliation, comes; null
 *     when none is planned
 * @param windowClosesAt when delivery attempts stop
 * @param finishedAt when the notification reached NOTIFIED, RECONCILED or FAILED
 * @param payResult what pay-api's query reported, once reconciliation asked
 * @param recentFailures the latest failed attempts, oldest first
 */
public record NotificationStatus(
    String txNo,
    String workflowId,
    NotifyStatus status,
    int attempts,
    String lastError,
    Instant nextAttemptAt,
    Instant windowClosesAt,
    Instant finishedAt,
    String payResult,
    List<FailedAttempt> recentFailures) {

  /** One failed delivery attempt. */
  public record FailedAttempt(int attempt, Instant at, String error) {}
}
