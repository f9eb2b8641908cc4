package io.notifier.activities;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * The message the notifier delivers to the account system: the result of one recharge, in the
 * seed's vocabulary. The same four fields travel in the HTTP body, in the workflow's input and in
 * pay-api's query interface.
 *
 * <p>The amount travels as a JSON string ("100.00") so that no JSON parser on the way turns money
 * into a binary floating-point number.
 */
public record RechargeNotification(
    String txNo,
    String accountNo,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
    String result) {

  /** The result pay-api records for a recharge that was paid. */
  public static final String SUCCESS = "success";

  /** Whether the pay system reports this recharge as paid (only then is an account credited). */
  public boolean paid() {
    return SUCCESS.equals(result);
  }
}
