package io.inferctl.command.endpoint.web;

import io.swagger.v3.oas.annotations.Parameter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How the {@code dryRun} query parameter of every change reads in the OpenAPI document. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(name = "dryRun", description = "Run every check and rule and answer as the real call would, "
        + "storing and publishing nothing (no version is created, no rollout starts).")
@interface DryRunParameter {
}
