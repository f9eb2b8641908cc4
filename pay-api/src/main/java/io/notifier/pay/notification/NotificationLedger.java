package io.notifier.pay.notification;

import io.notifier.workflows.NotifyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * pay-api's record of how each recharge's notification ended (account_pay's notify_* columns), in
 * plain SQL that MySQL, MariaDB and H2 read alike.
 */
@Repository
class NotificationLedger {

  /** How a notification ended, as recorded. */
  record Outcome(NotifyStatus status, Instant finishedAt, String reason) {}

  /** A notification that started but has not settled, as the sweeper finds it. */
  record Unsettled(String txNo, Instant startedAt) {}

  private static final int REASON_LENGTH = 512;

  private final JdbcClient jdbc;

  NotificationLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records how the notification of {@code txNo} ended, unless it was recorded already. */
  int record(String txNo, Outcome outcome) {
    return jdbc.sql(
            "UPDATE account_pay SET notify_status = ?, notify_finished_at = ?, notify_reason = ?"
                + " WHERE tx_no = ? AND notify_status IS NULL")
        .params(outcome.status().name(), outcome.finishedAt(), reason(outcome), txNo)
        .update();
  }

  /** Records many at once, in one transaction: the worker's outcomes come in bursts. */
  @Transactional
  public void recordAll(List<Recorded> outcomes) {
    for (Recorded recorded : outcomes) {
      record(recorded.txNo(), recorded.outcome());
    }
  }

  record Recorded(String txNo, Outcome outcome) {}

  Optional<Outcome> outcomeOf(String txNo) {
    return jdbc.sql(
            "SELECT notify_status, notify_finished_at, notify_reason FROM account_pay"
                + " WHERE tx_no = ? AND notify_status IS NOT NULL")
        .param(txNo)
        .query(
            (row, i) ->
                new Outcome(
                    NotifyStatus.valueOf(row.getString(1)),
                    row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant(),
                    row.getString(3)))
        .optional();
  }

  /**
   * The oldest notifications started before {@code startedBefore} that have not settled and were
   * not looked at since {@code checkedBefore}.
   */
  List<Unsettled> findUnsettled(Instant startedBefore, Instant checkedBefore, int limit) {
    return jdbc.sql(
            "SELECT tx_no, notify_started_at FROM account_pay"
                + " WHERE notify_status IS NULL AND notify_started_at < ?"
                + " AND (notify_checked_at IS NULL OR notify_checked_at < ?)"
                + " ORDER BY notify_started_at LIMIT ?")
        .params(startedBefore, checkedBefore, limit)
        .query((row, i) -> new Unsettled(row.getString(1), row.getTimestamp(2).toInstant()))
        .list();
  }

  void markChecked(String txNo, Instant at) {
    jdbc.sql("UPDATE account_pay SET notify_checked_at = ? WHERE tx_no = ?")
        .params(at, txNo)
        .update();
  }

  private static String reason(Outcome outcome) {
    String reason = outcome.reason();
    return reason == null || reason.length() <= REASON_LENGTH
        ? reason
        : reason.substring(0, REASON_LENGTH - 1) + "…";
  }
}
