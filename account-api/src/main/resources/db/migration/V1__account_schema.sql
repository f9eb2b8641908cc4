-- The account system's database (bank1). Written for both MySQL/MariaDB and H2.

CREATE TABLE account_info (
  account_no      VARCHAR(32)    NOT NULL,
  account_name    VARCHAR(64)    NOT NULL,
  account_balance DECIMAL(19, 2) NOT NULL DEFAULT 0,
  CONSTRAINT pk_account_info PRIMARY KEY (account_no)
);

-- One row per transaction number ever credited. The primary key is the idempotency: the insert
-- and the balance update share one local transaction, and a second insert of the same tx_no
-- fails, so a txNo credits its account once however often, and however concurrently, it arrives.
CREATE TABLE de_duplication (
  tx_no      VARCHAR(64)    NOT NULL,
  account_no VARCHAR(32)    NOT NULL,
  amount     DECIMAL(19, 2) NOT NULL,
  source     VARCHAR(16)    NOT NULL,
  created_at TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT pk_de_duplication PRIMARY KEY (tx_no)
);
