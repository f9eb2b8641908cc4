package io.notifier.workflows;

import io.notifier.workflows.delivery.FailedAttempt;
import java.time.Instant;
import java.util.List;

/**
 * A notification as its workflow knows it: the answer of the {@code status} query, and the
 * workflow's result. While deliveries are retried on the server the workflow does not hear of each
 * failed attempt; the pending activity does (see {@code temporal workflow describe}), and pay-api's
 * status endpoint reads it from there.
 *
 * @param attempts delivery attempts made, as far as the workflow knows: exact once delivery ended
 * @param lastError the most recent failure, for people
 * @param nextAttemptAt when the timed reconciliation comes, while waiting for it; null otherwise
 * @param windowClosesAt when delivery attempts stop
 * @param finishedAt when the notification reached NOTIFIED, RECONCILED or FAILED
 * @param payResult what pay-api's query interface reported, once reconciliation asked
 * @param recentFailures the latest failed attempts, oldest first, once delivery ended
 */
public record NotificationState(
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

  public NotificationState {
    recentFailures = recentFailures == null ? List.of() : List.copyOf(recentFailures);
  }
}
