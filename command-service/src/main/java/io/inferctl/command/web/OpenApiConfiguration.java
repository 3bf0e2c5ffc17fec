package io.inferctl.command.web;

import io.inferctl.api.problem.ProblemErrorController;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
public class OpenApiConfiguration {

    static {
        // springdoc hides only Boot's own BasicErrorController; /error is no operation of the API.
        SpringDocUtils.getConfig().addHiddenRestControllers(ProblemErrorController.class);
    }

    @Bean
    public OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info().title("inferctl command API").version("v1")
                        .description("Create, change, roll back, cancel and delete versioned GPU inference endpoints. "
                                + "Every accepted change is a new immutable version."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token configured under inferctl.security.tokens")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
