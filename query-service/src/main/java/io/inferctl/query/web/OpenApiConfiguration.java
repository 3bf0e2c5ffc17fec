package io.inferctl.query.web;

import io.inferctl.api.problem.ProblemErrorController;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // springdoc hides only Boot's own BasicErrorController; /error is no operation of the API.
        SpringDocUtils.getConfig().addHiddenRestControllers(ProblemErrorController.class);
    }

    @Bean
    public OpenAPI queryApi() {
        return new OpenAPI()
                .info(new Info().title("inferctl query API").version("v1")
                        .description("Version history, configuration diffs and the audit log of versioned GPU "
                                + "inference endpoints, projected from the endpoint-events topic. Pass the "
                                + "'sequence' of a command answer as minSequence (or the Min-Sequence header) "
                                + "to read your own writes."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token configured under inferctl.security.tokens")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
