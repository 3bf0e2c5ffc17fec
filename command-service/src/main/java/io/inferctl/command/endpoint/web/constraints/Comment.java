package io.inferctl.command.endpoint.web.constraints;

import io.inferctl.command.endpoint.EndpointPolicy;
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
 * A change's comment by {@link EndpointPolicy#checkComment}, whose length limit is configured; the
 * validator is a Spring bean so that it reads the same policy as the aggregate.
 */
@Documented
@Constraint(validatedBy = Comment.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface Comment {

    String message() default "is not an acceptable comment";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Comment, String> {

        private final EndpointPolicy policy;

        public Validator(EndpointPolicy policy) {
            this.policy = policy;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return policy.checkComment(value).stream().findFirst()
                    .map(violation -> Reasons.refuse(context, violation.reason())).orElse(true);
        }
    }
}
