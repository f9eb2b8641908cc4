package io.notifier.pay.notification;

import io.notifier.workflows.NotifyStatus;
import io.notifier.workflows.outcome.NotificationOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * pay-api's record of how each recharge's notification ended (account_pay's notify_* columns),
 * written by the notification's workflow as its last step (or, for a run an operator terminated in
 * Temporal, by the sweeper), in plain SQL that MySQL, MariaDB and H2 read alike.
 */
@Repository
class NotificationLedger {

  /** A notification that started but has not settled, as the sweeper finds it. */
  record Unsettled(String txNo, Instant startedAt) {}

  private static final int TEXT_LENGTH = 512;

  private final JdbcClient jdbc;

  NotificationLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records how the notification of {@code outcome.txNo()} ended, unless an ending is recorded
   * already: the first one stands, and recording it again changes nothing.
   *
   * @return 1 when this recorded it, 0 otherwise
   */
  int record(NotificationOutcome outcome) {
    return jdbc.sql(
            "UPDATE account_pay SET notify_status = ?, notify_finished_at = ?, notify_reason = ?,"
                + " notify_attempts = ?, notify_pay_result = ?, notify_last_error = ?"
                + " WHERE tx_no = ? AND notify_status IS NULL")
        .params(
            outcome.status().name(),
            outcome.finishedAt(),
            bounded(outcome.reason()),
            outcome.attempts(),
            outcome.payResult(),
            bounded(outcome.lastError()),
            outcome.txNo())
        .update();
  }

  Optional<NotificationOutcome> outcomeOf(String txNo) {
    return jdbc.sql(
            "SELECT tx_no, notify_status, notify_finished_at, notify_attempts, notify_pay_result,"
                + " notify_reason, notify_last_error FROM account_pay"
                + " WHERE tx_no = ? AND notify_status IS NOT NULL")
        .param(txNo)
        .query(NotificationLedger::outcome)
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

  /**
   * When the oldest notification that started and has not ended started: the first entry of the
   * index the sweeper reads (notify_status, notify_started_at), whatever the backlog.
   */
  Optional<Instant> oldestUnsettledStart() {
    return jdbc.sql(
            "SELECT notify_started_at FROM account_pay"
                + " WHERE notify_status IS NULL AND notify_started_at IS NOT NULL"
                + " ORDER BY notify_started_at LIMIT 1")
        .query((row, i) -> row.getTimestamp(1).toInstant())
        .optional();
  }

  void markChecked(String txNo, Instant at) {
    jdbc.sql("UPDATE account_pay SET notify_checked_at = ? WHERE tx_no = ?")
        .params(at, txNo)
        .update();
  }

  private static NotificationOutcome outcome(ResultSet row, int i) throws SQLException {
    return new NotificationOutcome(
        row.getString(1),
        NotifyStatus.valueOf(row.getString(2)),
        row.getTimestamp(3) == null ? null : row.getTimestamp(3).toInstant(),
        row.getInt(4),
        row.getString(5),
        row.getString(6),
        row.getString(7));
  }

  private static String bounded(String text) {
    return text == null || text.length() <= TEXT_LENGTH
        ? text
        : text.substring(0, TEXT_LENGTH - 1) + "…";
  }
}
