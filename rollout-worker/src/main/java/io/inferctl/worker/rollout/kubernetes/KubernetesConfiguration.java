package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.inferctl.worker.rollout.RolloutNudges;
import io.inferctl.worker.rollout.RolloutProperties;
import io.inferctl.worker.rollout.health.EngineHealth;
import io.inferctl.worker.rollout.health.HealthLooks;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KubernetesProperties.class, RolloutProperties.class})
public class KubernetesConfiguration {

    /**
     * The standard kubeconfig lookup (or the file configured), with fabric8's own retries off: every
     * call goes through {@link ClusterCalls}, whose bounded backoff and failure codes the rollout relies on.
     */
    @Bean(destroyMethod = "close")
    public KubernetesClient kubernetesClient(KubernetesProperties properties) {
        Config base;
        if (properties.kubeconfig().isBlank()) {
            base = Config.autoConfigure(null);
        } else {
            try {
                base = Config.fromKubeconfig(Files.readString(Path.of(properties.kubeconfig())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read kubeconfig " + properties.kubeconfig(), e);
            }
        }
        int timeout = Math.toIntExact(properties.requestTimeout().toMillis());
        Config config = new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout(timeout)
                .withConnectionTimeout(timeout)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Bean
    public RolloutNudges rolloutNudges(SagaStore<Object> sagas, DeadlineManager deadlines) {
        return new RolloutNudges(sagas, deadlines);
    }

    @Bean
    @ConditionalOnProperty(value = "inferctl.kubernetes.watch-deployments", matchIfMissing = true)
    public DeploymentWatch deploymentWatch(KubernetesClient client, KubernetesProperties properties, RolloutNudges nudges) {
        return new DeploymentWatch(client, properties, nudges);
    }

    @Bean
    public KubernetesCluster kubernetesCluster(KubernetesClient client, KubernetesProperties properties,
                                               RolloutProperties rollout, TrafficSplit split, EngineHealth health) {
        return new KubernetesCluster(client, properties, rollout, split, new HealthLooks(health));
    }
}
