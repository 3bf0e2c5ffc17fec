package io.inferctl.command.endpoint.web.constraints;

import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
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
 * A failure report's {@code category}, when given, is its {@code code}'s: a worker that disagrees with
 * the contract about a code's category has a bug the report must not hide.
 */
@Documented
@Constraint(validatedBy = CategoryOfCode.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CategoryOfCode {

    String message() default "must be the category of code";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What the validator needs to see of a report. */
    interface Categorized {

        FailureCode code();

        FailureCategory category();
    }

    class Validator implements ConstraintValidator<CategoryOfCode, Categorized> {

        private static final String FIELD = "category";

        @Override
        public boolean isValid(Categorized report, ConstraintValidatorContext context) {
            if (report == null || report.code() == null || report.category() == null
                    || report.category() == report.code().category()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be " + report.code().category() + ", the category of "
                    + report.code()).addPropertyNode(FIELD).addConstraintViolation();
            return false;
        }
    }
}
