-- The pay system's database (bank1_pay). Written for both MySQL/MariaDB and H2.

-- One row per recharge. tx_no is the business key everywhere: the workflow id is notify-<tx_no>.
-- notify_started_at stays NULL until the recharge's NotifyWorkflow is known to exist; the relay
-- starts the notification of any row left NULL (Temporal was down, or the process died between
-- the commit and the start), so no recharge ends up without its notification.
-- The explicit DEFAULT and NULL matter on MySQL 5.7 and MariaDB before 10.10, whose default
-- explicit_defaults_for_timestamp=OFF would otherwise make created_at ON UPDATE CURRENT_TIMESTAMP
-- (marking the start would rewrite it) and notify_started_at NOT NULL DEFAULT '0000-00-00'.
CREATE TABLE account_pay (
  tx_no             VARCHAR(64)    NOT NULL,
  account_no        VARCHAR(32)    NOT NULL,
  pay_amount        DECIMAL(19, 2) NOT NULL,
  result            VARCHAR(16)    NOT NULL,
  idempotency_key   VARCHAR(128),
  created_at        TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  notify_started_at TIMESTAMP(3)   NULL,
  CONSTRAINT pk_account_pay PRIMARY KEY (tx_no),
  CONSTRAINT uk_account_pay_idempotency_key UNIQUE (idempotency_key)
);

CREATE INDEX ix_account_pay_notify_pending ON account_pay (notify_started_at, created_at);
