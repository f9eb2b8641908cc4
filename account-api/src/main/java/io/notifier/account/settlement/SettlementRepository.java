package io.notifier.account.settlement;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** de_duplication, in plain SQL that MySQL, MariaDB and H2 read alike. */
public interface SettlementRepository extends Repository<Settlement, String> {

  @Query(
      "SELECT tx_no, account_no, amount, source, created_at FROM de_duplication"
          + " WHERE tx_no = :txNo")
  Optional<Settlement> findById(String txNo);

  /**
   * Records that {@code txNo} is settled; throws {@code DuplicateKeyException} when it already was.
   * The insert itself is the check: there is no window between looking and writing.
   */
  @Modifying
  @Query(
      "INSERT INTO de_duplication (tx_no, account_no, amount, source)"
          + " VALUES (:txNo, :accountNo, :amount, :source)")
  void insert(String txNo, String accountNo, BigDecimal amount, String source);
}
