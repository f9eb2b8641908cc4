package io.notifier.account.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.account.AccountApiTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** de_duplication keeps the time of a settlement as it was given, on H2 as on MariaDB. */
@AccountApiTest
class SettlementRepositoryTest {

  /** Past TIMESTAMP's end (2038-01-19), with milliseconds. */
  private static final Instant AFTER_2038 = Instant.parse("2100-01-01T00:00:00.123Z");

  @Autowired SettlementRepository settlements;
  @Autowired JdbcClient jdbc;

  @Test
  void aSettlementRecordedAfter2038IsReadBackToTheMillisecond() {
    String txNo = "tx-" + UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO de_duplication (tx_no, account_no, amount, source, created_at)"
                + " VALUES (?, '1', 1.00, 'NOTIFICATION', ?)")
        .params(txNo, AFTER_2038)
        .update();

    assertThat(settlements.findById(txNo))
        .get()
        .extracting(Settlement::createdAt)
        .isEqualTo(AFTER_2038);
  }
}
