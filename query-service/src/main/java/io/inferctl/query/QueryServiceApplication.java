package io.inferctl.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryServiceApplication {

    /**
     * The service's configuration files are {@code query-service.yml} and
     * {@code query-service-<profile>.yml}, not {@code application.yml}: the services' jars can then
     * share one classpath (a test that runs command-service next to this one) without reading each
     * other's settings.
     */
    public static final String CONFIG_NAME = "query-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
