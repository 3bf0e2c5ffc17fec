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
 * One-line name by {@link TextRules#nameProblem}, at most {@link #max()} characters. A blank value
 * passes: whether it is required is {@code @NotBlank}'s to say.
 */
@Documented
@Constraint(validatedBy = Name.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface Name {

    int max();

    String message() default "is not an acceptable name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Name, String> {

        private int max;

        @Override
        public void initialize(Name annotation) {
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
            return TextRules.nameProblem(value).map(reason -> Reasons.refuse(context, reason)).orElse(true);
        }
    }
}
