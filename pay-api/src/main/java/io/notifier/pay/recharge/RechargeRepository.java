package io.notifier.pay.recharge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** account_pay, in plain SQL that MySQL, MariaDB and H2 read alike. */
public interface RechargeRepository extends Repository<Recharge, String> {

  String COLUMNS =
      "tx_no, account_no, pay_amount, result, client_id, idempotency_key, created_at,"
          + " notify_started_at";

  /**
   * Records a recharge in one statement, which is its own local transaction. Throws {@code
   * DuplicateKeyException} when the client used the idempotency key before.
   */
  @Modifying
  @Query(
      "INSERT INTO account_pay"
          + " (tx_no, account_no, pay_amount, result, client_id, idempotency_key, created_at)"
          + " VALUES (:txNo, :accountNo, :amount, :result, :clientId, :idempotencyKey, :createdAt)")
  void insert(
      String txNo,
      String accountNo,
      BigDecimal amount,
      String result,
      String clientId,
      String idempotencyKey,
      Instant createdAt);

  @Query("SELECT " + COLUMNS + " FROM account_pay WHERE tx_no = :txNo")
  Optional<Recharge> findById(String txNo);

  @Query(
      "SELECT "
          + COLUMNS
          + " FROM account_pay WHERE client_id = :clientId AND idempotency_key = :idempotencyKey")
  Optional<Recharge> findByIdempotencyKey(String clientId, String idempotencyKey);

  @Modifying
  @Query(
      "UPDATE account_pay SET notify_started_at = :startedAt"
          + " WHERE tx_no = :txNo AND notify_started_at IS NULL")
  int markNotificationStarted(String txNo, Instant startedAt);

  /**
   * The oldest recharges recorded before {@code before} whose notification is not known to exist.
   */
  @Query(
      "SELECT "
          + COLUMNS
          + " FROM account_pay WHERE notify_started_at IS NULL AND created_at < :before"
          + " ORDER BY created_at LIMIT :limit")
  List<Recharge> findAwaitingNotification(Instant before, int limit);

  /**
   * How many recharges recorded before {@code before} have no notification known to exist: the
   * relay's backlog, counted on the index {@link #findAwaitingNotification} reads.
   */
  @Query(
      "SELECT count(*) FROM account_pay WHERE notify_started_at IS NULL AND created_at < :before")
  long countAwaitingNotification(Instant before);
}
