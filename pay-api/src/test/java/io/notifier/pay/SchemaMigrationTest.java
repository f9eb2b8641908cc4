package io.notifier.pay;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.testing.EarlierDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A bank1_pay that an earlier release made (V1 to V3: TIMESTAMP columns, identifiers in the
 * server's collation) keeps its recharges through the migrations that follow, on H2 as on MariaDB,
 * and compares their identifiers byte for byte afterwards.
 */
class SchemaMigrationTest extends PayApiIntegrationTest {

  private static final String BEFORE_THE_FIX = "3";

  @Autowired Flyway flyway;
  @Autowired DataSourceProperties database;

  private EarlierDatabase earlier;

  @BeforeEach
  void anEarlierReleasesDatabase() {
    earlier = EarlierDatabase.at(BEFORE_THE_FIX, flyway, migrating());
  }

  @AfterEach
  void dropIt() {
    earlier.close();
  }

  @Test
  void recordedTimesKeepTheirInstantToTheMillisecondWhateverTheMigratingSessionsTimeZone() {
    List<Instant> times =
        List.of(
            Instant.parse("2037-12-31T23:59:59.745Z"),
            Instant.parse("2038-01-01T00:00:00.001Z"),
            Instant.parse("2038-01-01T00:00:01.002Z"),
            Instant.parse("2038-01-01T00:00:02.003Z"));
    jdbc.sql(
            "INSERT INTO "
                + earlier.table("account_pay")
                + " (tx_no, account_no, pay_amount, result, client_id, idempotency_key, created_at,"
                + " notify_started_at, notify_status, notify_finished_at, notify_checked_at)"
                + " VALUES ('tx-1', '1', 1.00, 'success', 'shop', NULL, ?, ?, 'NOTIFIED', ?, ?)")
        .params(times.toArray())
        .update();
    jdbc.sql(
            "INSERT INTO "
                + earlier.table("shedlock")
                + " (name, lock_until, locked_at, locked_by) VALUES ('relay', ?, ?, 'pay-api')")
        .params(times.get(1), times.get(0))
        .update();

    // The session's time zone is where TIMESTAMP and DATETIME meet: not UTC, as a tool might leave
    // it.
    earlier.migrate(isMySql() ? "SET time_zone = '+08:00'" : null);

    assertThat(
            jdbc.sql(
                    "SELECT created_at, notify_started_at, notify_finished_at, notify_checked_at"
                        + " FROM "
                        + earlier.table("account_pay")
                        + " WHERE tx_no = 'tx-1'")
                .query((row, i) -> instants(row, 4))
                .single())
        .isEqualTo(times);
    assertThat(
            jdbc.sql(
                    "SELECT lock_until, locked_at FROM "
                        + earlier.table("shedlock")
                        + " WHERE name = 'relay'")
                .query((row, i) -> instants(row, 2))
                .single())
        .containsExactly(times.get(1), times.get(0));
  }

  @Test
  void aKeyThatDiffersOnlyInCaseFromARecordedOneIsANewKeyAfterTheMigration() {
    insertRecharge("tx-1", "CaseKey-1");

    earlier.migrate(null);
    insertRecharge("tx-2", "casekey-1");

    assertThat(
            jdbc.sql(
                    "SELECT tx_no FROM "
                        + earlier.table("account_pay")
                        + " WHERE client_id = 'shop' AND idempotency_key = 'casekey-1'")
                .query(String.class)
                .single())
        .isEqualTo("tx-2");
  }

  private void insertRecharge(String txNo, String idempotencyKey) {
    jdbc.sql(
            "INSERT INTO "
                + earlier.table("account_pay")
                + " (tx_no, account_no, pay_amount, result, client_id, idempotency_key, created_at)"
                + " VALUES (?, '1', 1.00, 'success', 'shop', ?, ?)")
        .params(txNo, idempotencyKey, Instant.parse("2025-01-02T18:19:17.745Z"))
        .update();
  }

  /** Connections of their own, so that a session's setting never reaches the context's pool. */
  private DataSource migrating() {
    return database.initializeDataSourceBuilder().type(SimpleDriverDataSource.class).build();
  }

  private boolean isMySql() {
    return DatabaseDriver.fromJdbcUrl(database.determineUrl()) == DatabaseDriver.MYSQL;
  }

  private static List<Instant> instants(ResultSet row, int columns) throws SQLException {
    Instant[] instants = new Instant[columns];
    for (int i = 0; i < columns; i++) {
      instants[i] = row.getTimestamp(i + 1).toInstant();
    }
    return List.of(instants);
  }
}
