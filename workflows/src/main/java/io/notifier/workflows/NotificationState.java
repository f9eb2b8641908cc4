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
 * @param lastError the most recent failure, for anyone: it names no address or exception
 * @param nextAttemptAt when the timed reconciliation comes, while waiting for it; null otherwise
 * @param windowClosesAt when delivery attempts stop
 * @param finishedAt when the notification reached NOTIFIED, RECONCILED or CLOSED
 * @param payResult what pay-api's query interface reported, once reconciliation asked
 * @param recentFailures the latest failed attempts, oldest first, once delivery ended
 * @param reason why it needs attention, or why an operator closed it; null otherwise
 * @param lastErrorDetail the most recent failure in full, for operators: the URL, the answer
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
    List<FailedAttempt> recentFailures,
    String reason,
    String lastErrorDetail) {

  public NotificationState {
    recentFailures = recentFailures == null ? List.of() : List.copyOf(recentFailures);
  }

  /** The state as the retired workflow types report it, without a reason or a detail. */
  public NotificationState(
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
    this(
        txNo,
        workflowId,
        status,
        attempts,
        lastError,
        nextAttemptAt,
        windowClosesAt,
        finishedAt,
        payResult,
        recentFailures,
        null,
        null);
  }
}
