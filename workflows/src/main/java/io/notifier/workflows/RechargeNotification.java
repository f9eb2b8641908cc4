package io.notifier.workflows;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * The message the notifier delivers to the account system: the result of one recharge, in the
 * seed's vocabulary. The same four fields travel in the HTTP body, in the workflow's input and in
 * pay-api's query interface.
 *
 * <p>The amount travels as a JSON string ("100.00") so that no JSON parser on the way turns money
 * into a binary floating-point number.
 *
 * @param result the pay system's result for the recharge: {@link #SUCCESS} or "fail"
 */
public record RechargeNotification(
    String txNo,
    String accountNo,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
    String result) {

  /** The result of a recharge that was paid; only a paid recharge credits an account. */
  public static final String SUCCESS = "success";
}
