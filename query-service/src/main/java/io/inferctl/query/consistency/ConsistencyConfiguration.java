package io.inferctl.query.consistency;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class ConsistencyConfiguration {

    @Bean
    public ProjectionPositions projectionPositions(JdbcTemplate jdbc, ConsistencyProperties properties) {
        return new ProjectionPositions(jdbc, properties);
    }
}
