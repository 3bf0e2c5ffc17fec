package io.inferctl.worker.web;

import io.inferctl.api.problem.ProblemAnswers;
import io.inferctl.api.problem.ProblemExceptionHandler;
import io.inferctl.api.web.QueryParameters;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The worker serves only its actuator, with no tokens; what it refuses there it refuses in the
 * suite's form, as Problem Details logged at DEBUG and counted.
 */
@Configuration(proxyBeanMethods = false)
@Import({ProblemAnswers.class, QueryParameters.class, ProblemExceptionHandler.class})
public class WebConfiguration {
}
