package io.inferctl.api.security;

import io.inferctl.api.problem.ProblemExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * The smallest API that uses {@link BearerTokenSecurity} as the services do: one route for viewers,
 * one for admins, on a real Tomcat, configured by {@code secured-app.yml}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({BearerTokenSecurity.class, ProblemExceptionHandler.class, SecuredApp.Things.class})
class SecuredApp {

    static final String CONFIG_NAME = "secured-app";
    /** As secured-app.yml says. */
    static final String VIEWER_TOKEN = "viewer-token-for-api-support";
    static final int LIMIT = 3;

    @Bean
    MeterRegistry meters() {
        return new SimpleMeterRegistry();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, BearerTokenSecurity bearerTokens) throws Exception {
        return bearerTokens.applyTo(http)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/v1/admin/**").hasRole(ApiRole.ADMIN.name())
                        .anyRequest().hasRole(ApiRole.VIEWER.name()))
                .build();
    }

    @RestController
    static class Things {

        @GetMapping("/v1/things")
        Map<String, Object> things() {
            return Map.of("things", 3);
        }

        @PostMapping("/v1/admin/things")
        Map<String, Object> addThing() {
            return Map.of("things", 4);
        }
    }
}
