package io.inferctl.worker.rollout.kubernetes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Gateway API {@code Gateway} an endpoint's HTTPRoute attaches to, and how long a traffic shift
 * waits for the gateway to take new weights.
 *
 * @param name           the Gateway's name (the route's {@code parentRefs[0].name})
 * @param namespace      the Gateway's namespace; empty for the route's own
 * @param hostnameSuffix when set, each route matches the host {@code <endpoint name>.<suffix>}; empty for
 *                       every host of the Gateway's listener
 * @param acceptTimeout  how long a shift waits until the gateway reports the route Accepted at its
 *                       new generation
 */
@ConfigurationProperties("inferctl.rollout.gateway")
public record GatewayProperties(
        @DefaultValue("inference-gateway") String name,
        @DefaultValue("") String namespace,
        @DefaultValue("") String hostnameSuffix,
        @DefaultValue("10s") Duration acceptTimeout) {
}
