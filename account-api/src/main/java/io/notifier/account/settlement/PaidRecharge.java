package io.notifier.account.settlement;

import java.math.BigDecimal;

/** A recharge the pay system reports as paid: what settling credits. */
public record PaidRecharge(String txNo, String accountNo, BigDecimal amount) {

  /** The result the pay system reports for a recharge that was paid. */
  public static final String RESULT = "success";
}
