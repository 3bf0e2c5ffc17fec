package io.inferctl.command.endpoint.web.constraints;

import jakarta.validation.ConstraintValidatorContext;

/** Reports a rule's own reason as the violation's message, in the words the API has always used. */
final class Reasons {

    private Reasons() {
    }

    static boolean refuse(ConstraintValidatorContext context, String reason) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(reason)).addConstraintViolation();
        return false;
    }

    /** A reason may quote what the client sent; Bean Validation must not read it as a message template. */
    private static String literal(String reason) {
        return reason.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
