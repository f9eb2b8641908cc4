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

/** An account number: 1 to 32 letters, digits, '_' or '-'. */
@Documented
@NotNull(message = "is required")
@Pattern(regexp = "[0-9A-Za-z_-]{1,32}", message = "must be 1 to 32 letters, digits, '_' or '-'")
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface AccountNo {

  String message() default "is not a valid account number";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
