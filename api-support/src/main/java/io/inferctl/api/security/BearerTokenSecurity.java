package io.inferctl.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The stateless bearer-token security every API of the suite shares: tokens from
 * {@link ApiTokenProperties}, roles {@code ADMIN > DEPLOYER > VIEWER}, 401 and 403 as Problem
 * Details. A service imports this and adds only its own route rules:
 *
 * <pre>{@code
 * return bearerTokens.applyTo(http)
 *         .authorizeHttpRequests(auth -> auth.requestMatchers("/v1/**").hasRole(ApiRole.VIEWER.name()) ...)
 *         .build();
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiTokenProperties.class)
public class BearerTokenSecurity {

    private final ApiTokenProperties tokens;
    private final ObjectMapper objectMapper;

    public BearerTokenSecurity(ApiTokenProperties tokens, ObjectMapper objectMapper) {
        this.tokens = tokens;
        this.objectMapper = objectMapper;
    }

    /** No sessions, cookies, CSRF, basic or form login: a request is authenticated by its token alone. */
    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
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
                        .accessDeniedHandler(handlers.accessDeniedHandler()));
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
