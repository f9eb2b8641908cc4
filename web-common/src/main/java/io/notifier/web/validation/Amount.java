package io.notifier.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.notifier.web.json.PlainDecimalDeserializer;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A recharge amount: present, at least 0.01, at most 1,000,000.00, in cents at the finest. The cap
 * is a single recharge's limit, far below what DECIMAL(19,2) holds.
 *
 * <p>In JSON it is a string of plain decimal digits, such as {@code "100.00"} ({@link
 * PlainDecimalDeserializer}): the annotation carries that too, so that no request field can be an
 * amount in one sense and not the other.
 */
@Documented
@NotNull(message = "is required")
@DecimalMin(value = "0.01", message = "must be at least 0.01")
@DecimalMax(value = Amount.MAX, message = "must be at most " + Amount.MAX)
@Constraint(validatedBy = AmountInCents.class)
@JacksonAnnotationsInside
@JsonDeserialize(using = PlainDecimalDeserializer.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface Amount {

  String MAX = "1000000.00";

  String message() default "must have at most 2 decimal places";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
