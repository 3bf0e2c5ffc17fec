package io.inferctl.query.security;

import io.inferctl.api.problem.ProblemAnswers;
import io.inferctl.api.security.ApiRole;
import io.inferctl.api.security.BearerTokenSecurity;
import io.inferctl.api.web.NoControlCharacterParameters;
import io.inferctl.api.web.QueryParameters;
import io.inferctl.api.web.RequestGuards;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security. Who may do what:
 * <ul>
 *   <li>viewer (and deployer, admin): every query;</li>
 *   <li>admin only: rebuilding the read model;</li>
 *   <li>anyone: health status (its details to admins only), Prometheus metrics and the OpenAPI description.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import({BearerTokenSecurity.class, ProblemAnswers.class, QueryParameters.class, RequestGuards.class,
        NoControlCharacterParameters.class})
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokenSecurity bearerTokens) throws Exception {
        return bearerTokens.applyTo(http)
                .authorizeHttpRequests(auth -> auth
                        // An audit export finishes on an async dispatch that carries no token; the request
                        // that started it was authorized already.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                        .permitAll()
                        .requestMatchers("/v1/admin/**").hasRole(ApiRole.ADMIN.name())
                        .requestMatchers("/v1/endpoints/**", "/v1/endpoints", "/v1/audit").hasRole(ApiRole.VIEWER.name())
                        .anyRequest().hasRole(ApiRole.ADMIN.name()))
                .build();
    }
}
