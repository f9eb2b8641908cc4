package io.notifier.pay.notification;

import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.delivery.FailedAttempt;
import java.time.Instant;
import java.util.List;

/**
 * A recharge's notification as {@code GET /api/recharges/{txNo}/notification} shows it, put
 * together from what Temporal keeps: the pending activity while deliveries are retried, the history
 * while reconciling, the workflow's result once it ended.
 *
 * @param attempts delivery attempts that failed so far, or the attempt that delivered
 * @param lastError the most recent failure, for people
 * @param nextAttemptAt when the next delivery attempt, or the timed reconciliation, comes; null
 *     when none is planned
 * @param windowClosesAt when delivery attempts stop
 * @param finishedAt when the notification reached NOTIFIED, RECONCILED or FAILED
 * @param payResult what pay-api's query interface reported, once reconciliation asked
 * @param recentFailures the latest failed attempts, oldest first
 * @param webUi the notification's story in the Temporal Web UI, when the run has one
 */
public record NotificationView(
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
    String webUi) {}
