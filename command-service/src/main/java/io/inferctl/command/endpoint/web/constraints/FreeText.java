package io.inferctl.command.endpoint.web.constraints;

import io.inferctl.command.endpoint.TextRules;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text by {@link TextRules#freeTextProblem}, at most {@link #max()} characters. A blank value
 * passes: whether it is required is {@code @NotBlank}'s to say.
 */
@Documented
@Constraint(validatedBy = FreeText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface FreeText {

    int max();

    String message() default "is not acceptable free text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<FreeText, String> {

        private int max;

        @Override
        public void initialize(FreeText annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            if (value.length() > max) {
                return Reasons.refuse(context, "must be at most " + max + " characters");
            }
            return TextRules.freeTextProblem(value).map(reason -> Reasons.refuse(context, reason)).orElse(true);
        }
    }
}
