package io.inferctl.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConsoleApplication {

    /** {@code console.yml}, not {@code application.yml}, like the services: jars can share a classpath without reading each other's settings. */
    public static final String CONFIG_NAME = "console";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ConsoleApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
