package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The canary's traffic split, ready for the saga's steps to call. */
@Configuration(proxyBeanMethods = false)
public class TrafficSplitConfiguration {

    @Bean
    public TrafficSplit trafficSplit(KubernetesClient client, KubernetesProperties properties, GatewayProperties gateway) {
        return new TrafficSplit(client, properties, gateway);
    }
}
