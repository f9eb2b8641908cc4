-- What became of each recharge's notification, as pay-api last learned it: NULL while it runs,
-- then NOTIFIED, RECONCILED or FAILED, when, and why. Temporal holds the truth while the workflow
-- exists; these columns keep it after the namespace's retention, and let the sweeper find the
-- notifications that never settled.
ALTER TABLE account_pay ADD COLUMN notify_status VARCHAR(16) NULL;
ALTER TABLE account_pay ADD COLUMN notify_finished_at TIMESTAMP(3) NULL;
ALTER TABLE account_pay ADD COLUMN notify_reason VARCHAR(512) NULL;
-- When the sweeper last looked at an unsettled notification, so it does not look again at once.
ALTER TABLE account_pay ADD COLUMN notify_checked_at TIMESTAMP(3) NULL;

CREATE INDEX ix_account_pay_notify_unsettled ON account_pay (notify_status, notify_started_at);

-- ShedLock's table: the relay and the sweeper run on one pay-api instance at a time.
CREATE TABLE shedlock (
  name       VARCHAR(64)  NOT NULL,
  lock_until TIMESTAMP(3) NOT NULL,
  locked_at  TIMESTAMP(3) NOT NULL,
  locked_by  VARCHAR(255) NOT NULL,
  CONSTRAINT pk_shedlock PRIMARY KEY (name)
);
