package io.notifier.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.math.BigDecimal;

/**
 * Money is counted in cents: 1.10 and 1.1 are fine, 1.001 is not, and neither is 1.000 — the amount
 * is taken as written, so a third decimal is refused even when it is a zero.
 */
public class AmountInCents implements ConstraintValidator<Amount, BigDecimal> {

  @Override
  public boolean isValid(BigDecimal amount, ConstraintValidatorContext context) {
    return amount == null || amount.scale() <= 2;
  }
}
