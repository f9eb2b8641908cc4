package io.notifier.pay.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.delivery.FailedAttempt;
import java.time.Instant;
import java.util.List;

/**
 * A notification as {@code GET /api/recharges/{txNo}/notification} shows it: what its workflow
 * published (its status query; the pending delivery Temporal describes; the outcome it wrote into
 * account_pay), never history events read again. Clients see what went wrong in words that name no
 * address nor exception; operators also see the detail.
 *
 * @param attempts delivery attempts made so far, or the attempt that delivered
 * @param lastError the most recent failure, in words for anyone
 * @param nextAttemptAt when the next delivery attempt, or the timed reconciliation, comes; null
 *     when none is planned
 * @param windowClosesAt when delivery attempts stop
 * @param finishedAt when the notification reached NOTIFIED, RECONCILED or CLOSED
 * @param payResult what pay-api's query interface reported, once reconciliation asked
 * @param recentFailures the latest failed attempts, oldest first (until the notification ended)
 * @param reason why it needs attention, why an operator closed it, or how it settled
 * @param webUi the notification's story in the Temporal Web UI, when the run has one
 * @param source where this was read from: see {@link Source}
 * @param warning what this view cannot tell, when a part of the system did not answer; else null
 * @param lastErrorDetail the most recent failure in full: operators only
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
    List<Attempt> recentFailures,
    String reason,
    String webUi,
    Source source,
    String warning,
    @JsonInclude(JsonInclude.Include.NON_NULL) String lastErrorDetail) {

  /** This view, with what it cannot tell. */
  NotificationView withWarning(String why) {
    return new NotificationView(
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
        reason,
        webUi,
        source,
        why,
        lastErrorDetail);
  }

  /** Where a view was read from. */
  public enum Source {
    /** The workflow answered its status query (with the pending delivery Temporal describes). */
    WORKFLOW,
    /**
     * Temporal's description only: the status the workflow last published (its NotifyStatus) and
     * the pending delivery. The worker did not answer, or the run ended without its outcome.
     */
    DESCRIPTION,
    /** pay-api's account_pay: the outcome the workflow wrote before it completed. */
    PAY_API,
    /** Nothing yet: the notification has not started (the relay starts it). */
    NONE
  }

  /**
   * A failed attempt as shown: its detail for operators only.
   *
   * @param at when it started
   */
  public record Attempt(
      int attempt,
      Instant at,
      String error,
      @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

    static List<Attempt> of(List<FailedAttempt> failures, boolean operator) {
      return failures.stream()
          .map(
              failure ->
                  new Attempt(
                      failure.attempt(),
                      failure.at(),
                      failure.error(),
                      operator ? failure.detail() : null))
          .toList();
    }
  }
}
