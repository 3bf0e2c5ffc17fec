package io.inferctl.command.security;

import io.inferctl.api.security.ApiRole;
import io.inferctl.api.security.ApiTokenAuthenticationFilter;
import io.inferctl.api.security.ApiTokenProperties;
import io.inferctl.api.security.ProblemSecurityHandlers;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Stateless bearer-token security. Who may do what:
 * <ul>
 *   <li>deployer (and admin): create, change, roll back, cancel;</li>
 *   <li>admin only: delete an endpoint;</li>
 *   <li>worker only: rollout reports under {@code /v1/internal/**};</li>
 *   <li>anyone: health, Prometheus metrics, the OpenAPI description and the event schemas.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiTokenProperties.class)
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenProperties tokens, ObjectMapper objectMapper)
            throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(objectMapper);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, handlers.entryPoint()),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDeniedHandler()))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/v1/schemas/**", "/error")
                        .permitAll()
                        .requestMatchers("/v1/internal/**").hasRole(ApiRole.WORKER.name())
                        .requestMatchers(HttpMethod.DELETE, "/v1/endpoints/*").hasRole(ApiRole.ADMIN.name())
                        .requestMatchers("/v1/endpoints/**").hasRole(ApiRole.DEPLOYER.name())
                        .anyRequest().hasRole(ApiRole.ADMIN.name()))
                .build();
    }

    @Bean
    public RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ApiRole.ADMIN.name()).implies(ApiRole.DEPLOYER.name())
                .role(ApiRole.DEPLOYER.name()).implies(ApiRole.VIEWER.name())
                .build();
    }

    /** Keeps Boot from generating a default user with a logged password: tokens are the only credentials. */
    @Bean
    public UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
