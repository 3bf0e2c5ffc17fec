package io.inferctl.api.web;

import io.inferctl.api.problem.Refusals;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query string that cannot be read, or a parameter the route does not take, is refused with a
 * problem naming it instead of being ignored. A service imports this next to
 * {@link io.inferctl.api.problem.ProblemAnswers}, which provides {@link Refusals}.
 *
 * <p>Actuator routes are served by their own handler mapping, which Spring MVC's interceptors do not
 * reach: they keep their own parameters (probes may add a cache-buster), but an unreadable query
 * string is refused there as well, since the filter sees every request.
 */
@Configuration(proxyBeanMethods = false)
public class QueryParameters implements WebMvcConfigurer {

    private final Refusals refusals;

    public QueryParameters(Refusals refusals) {
        this.refusals = refusals;
    }

    /** After the header filters of ProblemAnswers, before Spring Security's chain (order -100). */
    @Bean
    public FilterRegistrationBean<QueryStringFilter> queryStringFilter() {
        FilterRegistrationBean<QueryStringFilter> registration = new FilterRegistrationBean<>(new QueryStringFilter(refusals));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UnknownParameterInterceptor(refusals));
    }
}
