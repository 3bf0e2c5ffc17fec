package io.inferctl.api.web;

import io.inferctl.api.problem.Refusals;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** For an API none of whose query parameters is free text: {@link ControlCharacterQueryFilter}. */
@Configuration(proxyBeanMethods = false)
public class NoControlCharacterParameters {

    /** After QueryStringFilter (which refuses what cannot be decoded at all), before Spring Security's chain. */
    @Bean
    public FilterRegistrationBean<ControlCharacterQueryFilter> controlCharacterQueryFilter(Refusals refusals) {
        FilterRegistrationBean<ControlCharacterQueryFilter> registration =
                new FilterRegistrationBean<>(new ControlCharacterQueryFilter(refusals));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
        return registration;
    }
}
