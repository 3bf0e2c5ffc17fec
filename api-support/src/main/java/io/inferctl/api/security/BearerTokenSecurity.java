package io.inferctl.api.security;

import io.inferctl.api.headers.SecurityHeadersFilter;
import io.inferctl.api.problem.ProblemAnswers;
import io.inferctl.api.problem.Refusals;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The stateless bearer-token security every API of the suite shares: tokens from
 * {@link ApiTokenProperties}, roles {@code ADMIN > DEPLOYER > VIEWER}, 401, 403 and the firewall's
 * refusals as Problem Details, 429 for an address that fails authentication too often
 * ({@link FailedAuthenticationProperties}), and the security headers on every answer. A service imports this (and
 * {@link io.inferctl.api.problem.ProblemAnswers}) and adds only its own route rules:
 *
 * <pre>{@code
 * return bearerTokens.applyTo(http)
 *         .authorizeHttpRequests(auth -> auth.requestMatchers("/v1/**").hasRole(ApiRole.VIEWER.name()) ...)
 *         .build();
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ApiTokenProperties.class, FailedAuthenticationProperties.class})
@Import(ProblemAnswers.class)
public class BearerTokenSecurity {

    private final ApiTokenProperties tokens;
    private final Refusals refusals;
    private final ProblemSecurityHandlers handlers;

    public BearerTokenSecurity(ApiTokenProperties tokens, FailedAuthenticationProperties failedAuthentication,
                               Refusals refusals, MeterRegistry meters) {
        this.tokens = tokens;
        this.refusals = refusals;
        this.handlers = new ProblemSecurityHandlers(refusals, new FailedAuthenticationLimiter(failedAuthentication, meters),
                new ClientAddress(failedAuthentication.trustedProxies()));
    }

    /**
     * No sessions, cookies, CSRF, basic or form login: a request is authenticated by its token alone.
     * The chain writes no headers: {@link SecurityHeadersFilter} writes them on every answer.
     */
    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, handlers),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(handlers.entryPoint())
                        .accessDeniedHandler(handlers.accessDeniedHandler()));
    }

    /** Before every other filter, on errors too, so that every answer and every refusal carries the headers. */
    @Bean
    public FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Spring Security's {@code WebSecurity} picks this bean up for its {@code FilterChainProxy}. */
    @Bean
    public RequestRejectedHandler problemRequestRejectedHandler() {
        return new ProblemRequestRejectedHandler(refusals);
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
