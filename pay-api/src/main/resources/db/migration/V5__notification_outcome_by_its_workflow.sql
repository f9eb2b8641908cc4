-- How each notification ended is written by its workflow, as its last step, before it completes
-- (io.notifier.pay.notification.OutcomeRecorder): what the status endpoint shows of an ended
-- notification, after the namespace's retention too. Written for both MySQL/MariaDB and H2.
ALTER TABLE account_pay ADD COLUMN notify_attempts INT NULL;
ALTER TABLE account_pay ADD COLUMN notify_pay_result VARCHAR(16) NULL;
ALTER TABLE account_pay ADD COLUMN notify_last_error VARCHAR(512) NULL;

-- FAILED was an ending of the retired workflow types that left the account unpaid. Such a
-- notification is not ended: cleared, the sweeper looks at it again and starts it anew as the
-- current type, which settles it or waits for an operator (NEEDS_ATTENTION).
UPDATE account_pay SET notify_status = NULL, notify_finished_at = NULL, notify_reason = NULL
  WHERE notify_status = 'FAILED';
