package io.inferctl.command.security;

import io.inferctl.api.problem.ProblemAnswers;
import io.inferctl.api.security.ApiRole;
import io.inferctl.api.security.BearerTokenSecurity;
import io.inferctl.api.web.QueryParameters;
import io.inferctl.api.web.RequestGuards;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security. Who may do what:
 * <ul>
 *   <li>deployer (and admin): create, change, roll back, cancel;</li>
 *   <li>admin only: delete an endpoint;</li>
 *   <li>worker only: rollout reports under {@code /v1/internal/**};</li>
 *   <li>admin only: webhook integrations under {@code /v1/webhooks};</li>
 *   <li>anyone with the integration's signing secret: a delivery, {@code POST /v1/webhooks/{id}} (its
 *       signature is checked by the delivery itself, not here);</li>
 *   <li>any signed-in role: the catalog, {@code GET /v1/catalog};</li>
 *   <li>anyone: health status (its details to admins only), Prometheus metrics, the OpenAPI description and the event schemas.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import({BearerTokenSecurity.class, ProblemAnswers.class, QueryParameters.class, RequestGuards.class})
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, BearerTokenSecurity bearerTokens) throws Exception {
        return bearerTokens.applyTo(http)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/v1/schemas/**", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/v1/catalog").authenticated()
                        .requestMatchers("/v1/internal/**").hasRole(ApiRole.WORKER.name())
                        .requestMatchers(HttpMethod.POST, "/v1/webhooks/*").permitAll()
                        .requestMatchers(HttpMethod.DELETE, "/v1/endpoints/*").hasRole(ApiRole.ADMIN.name())
                        .requestMatchers("/v1/endpoints/**").hasRole(ApiRole.DEPLOYER.name())
                        .anyRequest().hasRole(ApiRole.ADMIN.name()))
                .build();
    }
}
