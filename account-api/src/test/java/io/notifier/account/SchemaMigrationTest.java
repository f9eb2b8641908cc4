package io.notifier.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.testing.EarlierDatabase;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A bank1 that an earlier release made (V1 and the demo accounts: TIMESTAMP columns, identifiers in
 * the server's collation) keeps its accounts and settlements through the migrations that follow, on
 * H2 as on MariaDB, and compares their identifiers byte for byte afterwards.
 */
@AccountApiTest
class SchemaMigrationTest {

  private static final String BEFORE_THE_FIX = "2";

  @Autowired Flyway flyway;
  @Autowired DataSourceProperties database;
  @Autowired JdbcClient jdbc;

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
  void aSettlementKeepsItsInstantToTheMillisecondWhateverTheMigratingSessionsTimeZone() {
    Instant settledAt = Instant.parse("2037-12-31T23:59:59.745Z");
    settle("tx-1", settledAt);

    // The session's time zone is where TIMESTAMP and DATETIME meet: not UTC, as a tool might leave
    // it.
    earlier.migrate(isMySql() ? "SET time_zone = '+08:00'" : null);

    assertThat(
            jdbc.sql(
                    "SELECT created_at FROM "
                        + earlier.table("de_duplication")
                        + " WHERE tx_no = 'tx-1'")
                .query((row, i) -> row.getTimestamp(1).toInstant())
                .single())
        .isEqualTo(settledAt);
  }

  @Test
  void theAccountsKeepTheirNames() {
    earlier.migrate(null);

    assertThat(
            jdbc.sql(
                    "SELECT account_no, account_name FROM "
                        + earlier.table("account_info")
                        + " ORDER BY account_no")
                .query()
                .listOfRows())
        .extracting(row -> Map.entry(row.get("account_no"), row.get("account_name")))
        .containsExactly(Map.entry("1", "张三"), Map.entry("2", "李四"));
  }

  @Test
  void aTxNoThatDiffersOnlyInCaseFromASettledOneIsANewTxNoAfterTheMigration() {
    settle("Tx-1", Instant.parse("2025-01-02T18:19:17.745Z"));

    earlier.migrate(null);
    settle("tx-1", Instant.parse("2025-01-02T18:19:18.745Z"));

    assertThat(
            jdbc.sql("SELECT count(*) FROM " + earlier.table("de_duplication"))
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  private void settle(String txNo, Instant at) {
    jdbc.sql(
            "INSERT INTO "
                + earlier.table("de_duplication")
                + " (tx_no, account_no, amount, source, created_at)"
                + " VALUES (?, '1', 1.00, 'NOTIFICATION', ?)")
        .params(txNo, at)
        .update();
  }

  /** Connections of their own, so that a session's setting never reaches the context's pool. */
  private DataSource migrating() {
    return database.initializeDataSourceBuilder().type(SimpleDriverDataSource.class).build();
  }

  private boolean isMySql() {
    return DatabaseDriver.fromJdbcUrl(database.determineUrl()) == DatabaseDriver.MYSQL;
  }
}
