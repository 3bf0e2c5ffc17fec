package io.inferctl.console.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * A session per signed-in person (the cookie's HttpOnly and SameSite=Strict are set in
 * {@code console.yml}), CSRF tokens on every form, and the role check on every change: a viewer's
 * forged POST is refused here, before any API is called.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String SIGN_IN = "/sign-in";

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, SecurityContextRepository contexts) throws Exception {
        return http
                .securityContext(c -> c.securityContextRepository(contexts))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(SIGN_IN, "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
                                "/actuator/health/**", "/error", "/forbidden").permitAll()
                        .requestMatchers(HttpMethod.POST, "/endpoints/**").hasRole(ConsoleRoles.DEPLOYER)
                        .anyRequest().hasRole(ConsoleRoles.VIEWER))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedPage("/forbidden"))
                .logout(out -> out.logoutUrl("/sign-out").logoutSuccessUrl(SIGN_IN + "?signedOut")
                        .deleteCookies("JSESSIONID"))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .build();
    }

    /** Keeps Boot from generating a default user with a logged password: API tokens are the only credentials. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
