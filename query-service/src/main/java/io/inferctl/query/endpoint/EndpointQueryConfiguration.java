package io.inferctl.query.endpoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class EndpointQueryConfiguration {

    @Bean
    public EndpointQueries endpointQueries(JdbcTemplate jdbc) {
        return new EndpointQueries(jdbc);
    }
}
