package io.notifier.pay.recharge;

import static org.assertj.core.api.Assertions.assertThat;

import io.notifier.pay.PayApiIntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * account_pay keeps what it is given, on H2 as on MariaDB: identifiers byte for byte, whatever
 * their case, and times to the millisecond, past 2038 too.
 */
class RechargeRepositoryTest extends PayApiIntegrationTest {

  /** Past TIMESTAMP's end (2038-01-19), with milliseconds. */
  private static final Instant AFTER_2038 = Instant.parse("2100-01-01T00:00:00.123Z");

  /**
   * Within TIMESTAMP's range, for the tests of identifiers alone; in the future, like AFTER_2038,
   * so that the relay never takes these recharges for ones whose notification it must start.
   */
  private static final Instant BEFORE_2038 = Instant.parse("2037-12-31T23:59:59.745Z");

  @Autowired RechargeRepository repository;

  @Test
  void aRechargeRecordedAfter2038IsReadBackToTheMillisecond() {
    String txNo = record(newTxNo(), "shop", null, AFTER_2038);

    assertThat(repository.findById(txNo))
        .get()
        .extracting(Recharge::createdAt)
        .isEqualTo(AFTER_2038);
  }

  @Test
  void theNotificationTimesOfARechargeAfter2038AreReadBackToTheMillisecond() {
    String txNo = record(newTxNo(), "shop", null, AFTER_2038);
    Instant started = AFTER_2038.plusMillis(1_001);
    Instant finished = AFTER_2038.plusMillis(2_002);
    Instant checked = AFTER_2038.plusMillis(3_003);

    repository.markNotificationStarted(txNo, started);
    jdbc.sql(
            "UPDATE account_pay SET notify_status = 'NOTIFIED', notify_finished_at = ?,"
                + " notify_checked_at = ? WHERE tx_no = ?")
        .params(finished, checked, txNo)
        .update();

    assertThat(repository.findById(txNo))
        .get()
        .extracting(Recharge::notifyStartedAt)
        .isEqualTo(started);
    assertThat(
            jdbc.sql(
                    "SELECT notify_finished_at, notify_checked_at FROM account_pay WHERE tx_no = ?")
                .param(txNo)
                .query(
                    (row, i) -> List.of(instant(row.getTimestamp(1)), instant(row.getTimestamp(2))))
                .single())
        .containsExactly(finished, checked);
  }

  @Test
  void theRelaysCutOffComparesToTheMillisecond() {
    String txNo = record(newTxNo(), "shop", null, AFTER_2038);

    assertThat(repository.findAwaitingNotification(AFTER_2038, 1_000_000))
        .extracting(Recharge::txNo)
        .doesNotContain(txNo);
    assertThat(repository.findAwaitingNotification(AFTER_2038.plusMillis(1), 1_000_000))
        .extracting(Recharge::txNo)
        .contains(txNo);
  }

  @Test
  void txNosThatDifferOnlyInCaseAreTwoRecharges() {
    String txNo = "Case-" + UUID.randomUUID();
    record(txNo, "shop", null, BEFORE_2038);
    record(txNo.toLowerCase(Locale.ROOT), "shop", null, BEFORE_2038, "2");

    assertThat(repository.findById(txNo)).get().extracting(Recharge::accountNo).isEqualTo("1");
    assertThat(repository.findById(txNo.toLowerCase(Locale.ROOT)))
        .get()
        .extracting(Recharge::accountNo)
        .isEqualTo("2");
    assertThat(repository.findById(txNo.toUpperCase(Locale.ROOT))).isEmpty();
  }

  @Test
  void clientsWhoseNamesDifferOnlyInCaseHaveIdempotencyKeysOfTheirOwn() {
    String key = "key-" + UUID.randomUUID();
    String shops = record(newTxNo(), "shop", key, BEFORE_2038);
    String shopsInCapitals = record(newTxNo(), "SHOP", key, BEFORE_2038);

    assertThat(repository.findByIdempotencyKey("shop", key))
        .get()
        .extracting(Recharge::txNo)
        .isEqualTo(shops);
    assertThat(repository.findByIdempotencyKey("SHOP", key))
        .get()
        .extracting(Recharge::txNo)
        .isEqualTo(shopsInCapitals);
    assertThat(repository.findByIdempotencyKey("Shop", key)).isEmpty();
  }

  private String record(String txNo, String clientId, String idempotencyKey, Instant createdAt) {
    return record(txNo, clientId, idempotencyKey, createdAt, "1");
  }

  private String record(
      String txNo, String clientId, String idempotencyKey, Instant createdAt, String accountNo) {
    repository.insert(
        txNo,
        accountNo,
        new BigDecimal("1.00"),
        Recharge.SUCCESS,
        clientId,
        idempotencyKey,
        createdAt);
    return txNo;
  }

  private static String newTxNo() {
    return UUID.randomUUID().toString();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp.toInstant();
  }
}
