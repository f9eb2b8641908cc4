package io.notifier.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A transaction number: 1 to 64 letters, digits, '_' or '-'. It becomes part of a workflow id and
 * of URLs, so nothing else is allowed.
 */
@Documented
@NotNull(message = "is required")
@Pattern(regexp = "[0-9A-Za-z_-]{1,64}", message = "must be 1 to 64 letters, digits, '_' or '-'")
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface TxNo {

  String message() default "is not a valid transaction number";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
