package io.notifier.account.account;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** account_info, in plain SQL that MySQL, MariaDB and H2 read alike. */
public interface AccountRepository extends Repository<Account, String> {

  @Query(
      "SELECT account_no, account_name, account_balance FROM account_info"
          + " WHERE account_no = :accountNo")
  Optional<Account> findById(String accountNo);

  /**
   * Adds to the balance in one statement, so concurrent credits of one account never lose an
   * update.
   *
   * @return 1, or 0 when there is no such account
   */
  @Modifying
  @Query(
      "UPDATE account_info SET account_balance = account_balance + :amount"
          + " WHERE account_no = :accountNo")
  int credit(String accountNo, BigDecimal amount);
}
