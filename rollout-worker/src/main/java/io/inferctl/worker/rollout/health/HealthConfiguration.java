package io.inferctl.worker.rollout.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.worker.rollout.kubernetes.KubernetesProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Reading a version's health from its pods, ready for the canary's steps to call. */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    public EngineHealth engineHealth(KubernetesClient client, KubernetesProperties properties, EngineMetricNames names) {
        return new EngineHealth(client, properties, names, Clock.systemUTC());
    }
}
