package io.inferctl.command.web;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.List;

/**
 * Registers {@link MutationRequestResolver}, and describes the headers it reads in the OpenAPI
 * description, where springdoc would otherwise show the resolved record as a query parameter.
 */
@Configuration(proxyBeanMethods = false)
public class MutationRequestConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(MutationRequest.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new MutationRequestResolver());
    }

    @Bean
    public OperationCustomizer mutationRequestHeaders() {
        return (operation, handler) -> {
            if (hasMutationRequest(handler, false)) {
                operation.addParametersItem(new HeaderParameter().name(MutationRequest.IDEMPOTENCY_KEY)
                        .description("Retries with the same key return the first answer")
                        .schema(new StringSchema().maxLength(MutationRequestResolver.MAX_KEY_LENGTH)));
            }
            if (hasMutationRequest(handler, true)) {
                operation.addParametersItem(new HeaderParameter().name(HttpHeaders.IF_MATCH)
                        .description("The version you last saw, as its ETag, e.g. \"3\"")
                        .schema(new StringSchema()));
            }
            return operation;
        };
    }

    private static boolean hasMutationRequest(HandlerMethod handler, boolean conditional) {
        return Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.getParameterType() == MutationRequest.class
                        && (!conditional || p.hasParameterAnnotation(ConditionalOnVersion.class)));
    }
}
