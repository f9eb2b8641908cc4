package io.notifier.account;

import java.math.BigDecimal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the account database directly, so tests see what a request did, or did not, change. */
@Component
public class Ledger {

  private final JdbcClient jdbc;

  public Ledger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public BigDecimal balanceOf(String accountNo) {
    return jdbc.sql("SELECT account_balance FROM account_info WHERE account_no = ?")
        .param(accountNo)
        .query(BigDecimal.class)
        .single();
  }

  public long settlements() {
    return jdbc.sql("SELECT count(*) FROM de_duplication").query(Long.class).single();
  }

  public long settlementsOf(String txNo) {
    return jdbc.sql("SELECT count(*) FROM de_duplication WHERE tx_no = ?")
        .param(txNo)
        .query(Long.class)
        .single();
  }

  /** How the account system learned of {@code txNo}: NOTIFICATION or RECONCILIATION. */
  public String sourceOf(String txNo) {
    return jdbc.sql("SELECT source FROM de_duplication WHERE tx_no = ?")
        .param(txNo)
        .query(String.class)
        .single();
  }

  /** A snapshot to compare with after a request that must change nothing. */
  public record Snapshot(BigDecimal balance1, BigDecimal balance2, long settlements) {}

  public Snapshot snapshot() {
    return new Snapshot(balanceOf("1"), balanceOf("2"), settlements());
  }
}
