-- The pay system's database (bank1_pay). Written for both MySQL/MariaDB and H2.

-- One row per recharge. tx_no is the business key everywhere: the workflow id is notify-<tx_no>.
-- notify_started_at stays NULL until the recharge's NotifyWorkflow is known to exist; the relay
-- starts the notification of any row left NULL (Temporal was down, or the process died between
-- the commit and the start), so no recharge ends up without its notification.
CREATE TABLE account_pay (
  tx_no             VARCHAR(64)    NOT NULL,
  account_no        VARCHAR(32)    NOT NULL,
  pay_amount        DECIMAL(19, 2) NOT NULL,
  result            VARCHAR(16)    NOT NULL,
  idempotency_key   VARCHAR(128),
  created_at        TIMESTAMP(3)   NOT NULL,
  notify_started_at TIMESTAMP(3),
  CONSTRAINT pk_account_pay PRIMARY KEY (tx_no),
  CONSTRAINT uk_account_pay_idempotency_key UNIQUE (idempotency_key)
);

CREATE INDEX ix_account_pay_notify_pending ON account_pay (notify_started_at, created_at);
