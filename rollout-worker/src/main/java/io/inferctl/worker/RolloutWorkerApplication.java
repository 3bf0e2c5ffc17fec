package io.inferctl.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RolloutWorkerApplication {

    /**
     * The worker's configuration files are {@code rollout-worker.yml} and
     * {@code rollout-worker-<profile>.yml}, not {@code application.yml}: a test JVM that also runs
     * command-service (which reads {@code command-service.yml}) keeps the two apart.
     */
    public static final String CONFIG_NAME = "rollout-worker";

    public static void main(String[] args) {
        // Axon's update checker phones home; a control plane should not, unless its operator asks.
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        new SpringApplicationBuilder(RolloutWorkerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
