package io.notifier.account.notification;

import io.notifier.account.settlement.PaidRecharge;
import io.notifier.web.validation.AccountNo;
import io.notifier.web.validation.Amount;
import io.notifier.web.validation.TxNo;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A recharge result as the pay system's notifier posts it. */
record NotificationRequest(
    @TxNo String txNo,
    @AccountNo String accountNo,
    @Amount BigDecimal amount,
    @NotNull(message = "is required")
        @Pattern(regexp = "success|fail", message = "must be 'success' or 'fail'")
        String result) {

  boolean paid() {
    return PaidRecharge.RESULT.equals(result);
  }

  /** Validation has capped the amount at two decimals, so the rescale is exact. */
  PaidRecharge toPaidRecharge() {
    return new PaidRecharge(txNo, accountNo, amount.setScale(2, RoundingMode.UNNECESSARY));
  }
}
