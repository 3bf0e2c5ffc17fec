package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How far a Deployment's rollout may stray from its desired replicas: {@code maxSurge} above it,
 * {@code maxUnavailable} below it. Read from the spec on every use, as the upstream controller does,
 * so a malformed value fails only the step that needs it.
 */
final class RolloutBounds {

    private final JsonNode deployment;
    private final int desired;

    RolloutBounds(JsonNode deployment) {
        this.deployment = deployment;
        this.desired = deployment.path("spec").path("replicas").asInt(1);
    }

    int desired() {
        return desired;
    }

    int maxSurge() {
        return IntOrPercent.resolve(deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge"),
                desired, true);
    }

    int maxUnavailable() {
        if (!"RollingUpdate".equals(deployment.path("spec").path("strategy").path("type").asText("RollingUpdate"))) {
            return 0;
        }
        JsonNode rolling = deployment.path("spec").path("strategy").path("rollingUpdate");
        int unavailable = IntOrPercent.resolve(rolling.path("maxUnavailable"), desired, false);
        if (unavailable == 0 && maxSurge() == 0) {
            unavailable = 1;
        }
        return Math.min(unavailable, desired);
    }
}
