package io.notifier.account.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The record that a txNo was credited (table de_duplication). */
@Table("de_duplication")
public record Settlement(
    @Id String txNo, String accountNo, BigDecimal amount, String source, Instant createdAt) {

  boolean matches(PaidRecharge recharge) {
    return accountNo.equals(recharge.accountNo()) && amount.compareTo(recharge.amount()) == 0;
  }
}
