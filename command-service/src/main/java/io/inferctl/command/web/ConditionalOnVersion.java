package io.inferctl.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link MutationRequest} whose change may be made conditional with {@code If-Match}. Without
 * it the header is ignored, as it is for a create (there is no version yet) and for the worker's
 * reports (their order is the aggregate's to check).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ConditionalOnVersion {
}
