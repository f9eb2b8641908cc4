-- Identifiers compare byte for byte, and timestamps keep their milliseconds past 2038, on MySQL and
-- MariaDB as on H2 (issue 14). MySQL/MariaDB only: H2 runs db/vendor/h2/V3, which changes nothing.
-- Version 3: 2 is db/demo's accounts, in every database the services made.
--
-- Why a vendor location: the SQL cannot be shared (H2 knows neither DATETIME nor COLLATE nor
-- MODIFY), and Spring Boot picks db/vendor/{vendor} by the JDBC URL's scheme: jdbc:mysql: is
-- "mysql" whether MySQL or MariaDB answers (Connector/J drives both), jdbc:h2: is "h2". That holds
-- for every URL the service is given, where placeholders would have to be repeated, right, in
-- every profile. A migration that H2 and MySQL can share stays in db/migration; one that cannot is
-- written twice, under the same version and name, in db/vendor/mysql and db/vendor/h2.
--
-- Identifiers (account_info.account_no, de_duplication.tx_no and account_no) compared without case
-- under the server's default collation (utf8mb4_general_ci, utf8mb4_unicode_ci): a txNo that
-- differs from a settled one only in case was taken for it, and never credited. Each table is
-- converted whole to utf8mb4_bin, every string column of it, as H2 compares every string, and the
-- table's default becomes utf8mb4_bin, so a column a later migration adds is binary too; so is the
-- database's, for a later table. utf8mb4_bin ignores trailing spaces, like every collation both
-- MySQL and MariaDB know; no identifier can have one (the service refuses them before they reach
-- the database). Account names are converted as they are: the character set stays utf8mb4.
--
-- Timestamps: TIMESTAMP ends in January 2038 and the server converts it through the session's time
-- zone; DATETIME(3) holds what is written, to the millisecond, to the year 9999. The service
-- forces the session's time zone to UTC (application-mysql.yml), so a DATETIME holds UTC, and so
-- does CURRENT_TIMESTAMP(3), the default that stamps each settlement. Converting TIMESTAMP to
-- DATETIME goes through the session's time zone too: set to UTC here, whoever runs the migration,
-- and restored after.
--
-- Each table is altered in one statement: on failure it is as it was.

SET @previous_time_zone = @@session.time_zone;
SET time_zone = '+00:00';

ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

ALTER TABLE account_info
  CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

ALTER TABLE de_duplication
  CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
  MODIFY created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);

SET time_zone = @previous_time_zone;
