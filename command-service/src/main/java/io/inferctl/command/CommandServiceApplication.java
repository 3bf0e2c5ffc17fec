package io.inferctl.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandServiceApplication {

    /**
     * The service's configuration files are {@code command-service.yml} and
     * {@code command-service-<profile>.yml}, not {@code application.yml}: the services' jars can
     * then share one classpath (a test that runs two services) without reading each other's settings.
     */
    public static final String CONFIG_NAME = "command-service";

    public static void main(String[] args) {
        // Axon's update checker phones home; a control plane should not, unless its operator asks.
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
