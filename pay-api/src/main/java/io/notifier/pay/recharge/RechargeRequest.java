package io.notifier.pay.recharge;

import io.notifier.web.validation.AccountNo;
import io.notifier.web.validation.Amount;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** {@code POST /api/recharges}: which account, how much. */
public record RechargeRequest(@AccountNo String accountNo, @Amount BigDecimal amount) {

  /** Validation has capped the amount at two decimals, so the rescale is exact. */
  BigDecimal amountToTheCent() {
    return amount.setScale(2, RoundingMode.UNNECESSARY);
  }
}
