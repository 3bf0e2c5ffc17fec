package io.inferctl.query.security;

import io.inferctl.api.security.ApiRole;
import io.inferctl.api.security.ApiTokenAuthenticationFilter;
import io.inferctl.api.security.ApiTokenProperties;
import io.inferctl.api.security.ProblemSecurityHandlers;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 *   <li>viewer (and deployer, admin): every query;</li>
 *   <li>admin only: rebuilding the read model;</li>
 *   <li>anyone: health, Prometheus metrics and the OpenAPI description.</li>
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
