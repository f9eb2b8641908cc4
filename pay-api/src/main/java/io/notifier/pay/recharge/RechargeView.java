package io.notifier.pay.recharge;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;

/** A recharge as the API shows it; also the answer of the query interface. */
public record RechargeView(
    String txNo,
    String accountNo,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
    String result,
    Instant createdAt) {

  static RechargeView of(Recharge recharge) {
    return new RechargeView(
        recharge.txNo(),
        recharge.accountNo(),
        recharge.amount(),
        recharge.result(),
        recharge.createdAt());
  }
}
