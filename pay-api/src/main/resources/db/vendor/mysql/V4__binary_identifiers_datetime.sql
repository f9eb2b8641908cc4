-- Identifiers compare byte for byte, and timestamps keep their milliseconds past 2038, on MySQL and
-- MariaDB as on H2 (issue 14). MySQL/MariaDB only: H2 runs db/vendor/h2/V4, which changes nothing.
--
-- Why a vendor location: the SQL cannot be shared (H2 knows neither DATETIME nor COLLATE nor
-- MODIFY), and Spring Boot picks db/vendor/{vendor} by the JDBC URL's scheme: jdbc:mysql: is
-- "mysql" whether MySQL or MariaDB answers (Connector/J drives both), jdbc:h2: is "h2". That holds
-- for every URL the services are given, where placeholders would have to be repeated, right, in
-- every profile. A migration that H2 and MySQL can share stays in db/migration; one that cannot is
-- written twice, under the same version and name, in db/vendor/mysql and db/vendor/h2.
--
-- Identifiers (tx_no, account_no, client_id, idempotency_key, shedlock.name) compared without case
-- under the server's default collation (utf8mb4_general_ci, utf8mb4_unicode_ci): Idempotency-Key
-- casekey-1 found the recharge of CaseKey-1. Each table is converted whole to utf8mb4_bin, every
-- string column of it, as H2 compares every string, and the table's default becomes utf8mb4_bin,
-- so a column a later migration adds is binary too; so is the database's, for a later table.
-- utf8mb4_bin ignores trailing spaces, like every collation both MySQL and MariaDB know; no
-- identifier can have one (the services refuse them before they reach the database).
--
-- Timestamps: TIMESTAMP ends in January 2038 and the server converts it through the session's time
-- zone; DATETIME(3) holds what is written, to the millisecond, to the year 9999. The services
-- force the session's time zone to UTC (application-mysql.yml), so a DATETIME holds UTC, and so
-- does CURRENT_TIMESTAMP(3), the default. Converting TIMESTAMP to DATETIME goes through the
-- session's time zone too: set to UTC here, whoever runs the migration, and restored after.
-- Without TIMESTAMP columns, MariaDB before 10.10 and MySQL 5.7 no longer add ON UPDATE or
-- '0000-00-00' defaults of their own (explicit_defaults_for_timestamp, V1).
--
-- Each table is altered in one statement: on failure it is as it was.

SET @previous_time_zone = @@session.time_zone;
SET time_zone = '+00:00';

ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

ALTER TABLE account_pay
  CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY created_at         DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  MODIFY notify_started_at  DATETIME(3) NULL,
  MODIFY notify_finished_at DATETIME(3) NULL,
  MODIFY notify_checked_at  DATETIME(3) NULL;

ALTER TABLE shedlock
  CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY lock_until DATETIME(3) NOT NULL,
  MODIFY locked_at  DATETIME(3) NOT NULL;

SET time_zone = @previous_time_zone;
