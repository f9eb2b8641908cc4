-- Each recharge records the client that asked for it (the name of its API key, PAY_API_KEYS), who
-- alone may read it. Written for both MySQL/MariaDB and H2.
-- Rows recorded before clients were known keep NULL: only operators and the query interface read
-- them.
ALTER TABLE account_pay ADD COLUMN client_id VARCHAR(64) NULL;

-- An Idempotency-Key is the client's own: two clients may pick the same one without colliding.
-- NULLs never collide, so a request without a key, or a row without a client, is always new.
ALTER TABLE account_pay DROP CONSTRAINT uk_account_pay_idempotency_key;
ALTER TABLE account_pay ADD CONSTRAINT uk_account_pay_client_idempotency_key UNIQUE (client_id, idempotency_key);
