package dev.eventmart.support.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The text holds no control characters (C0 such as NUL and ESC, DEL, C1) and no unpaired UTF-16 surrogates; for
 * every identifier and single-line text a client sends. PostgreSQL's {@code text} cannot hold a NUL (the insert
 * fails at commit, a query with one fails outright), an unpaired surrogate has no UTF-8 form, and an escape
 * sequence in an id is interpreted by the terminal of whoever reads the logs. {@code null} is valid: pair it with
 * {@code @NotBlank} where a value is required.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE })
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "must not contain control characters or unpaired surrogates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
