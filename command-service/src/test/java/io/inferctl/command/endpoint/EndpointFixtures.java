package io.inferctl.command.endpoint;

import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.version.VersionOrigin;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared givens for the Endpoint's domain tests. */
final class EndpointFixtures {

    static final String ID = "0b7d1a52-3f0c-4a8e-9d51-6a3c2f1e9b10";
    static final String NAME = "llama-chat";
    static final String ALICE = "alice@example.com";
    static final String WORKER = "rollout-worker";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final EndpointConfig V0_CONFIG = new EndpointConfig(
            new ModelSpec("Llama-3.1-8B-Instruct", "hf://meta-llama/Llama-3.1-8B-Instruct", null),
            new AcceleratorSpec("NVIDIA_H100", 1),
            new AutoscalingSpec(1, 2, 300),
            new EngineSettings(64, 4096, 8192, true, false, 30000));

    static final EndpointConfig V1_CONFIG = new EndpointConfig(
            V0_CONFIG.model(), new AcceleratorSpec("NVIDIA_H100", 2), V0_CONFIG.autoscaling(), V0_CONFIG.engine());

    /** v0's settings with a model that does not exist: a proposal that fails. */
    static final EndpointConfig GHOST_CONFIG = new EndpointConfig(
            new ModelSpec("ghost", "hf://nobody/ghost", null), V0_CONFIG.accelerator(), V0_CONFIG.autoscaling(),
            V0_CONFIG.engine());

    private EndpointFixtures() {
    }

    /** The policy with every default, bound the way Spring binds it. */
    static EndpointPolicy defaultPolicy() {
        return new EndpointPolicy(new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("inferctl.endpoints", EndpointPolicyProperties.class));
    }

    static EndpointVersionCreated created(int version, EndpointConfig config, EndpointConfig previous,
                                          VersionOrigin origin, Integer rollbackOf, Integer current) {
        return new EndpointVersionCreated(ID, NAME, version, origin, rollbackOf, config,
                config.changesFrom(previous), ALICE, NOW, null, current);
    }

    /** A version built on {@code basedOn}, whose settings were {@code base}. */
    static EndpointVersionCreated createdOn(int basedOn, EndpointConfig base, int version, EndpointConfig config,
                                            VersionOrigin origin, Integer rollbackOf, Integer current) {
        return new EndpointVersionCreated(ID, NAME, version, origin, rollbackOf, config, config.changesFrom(base), basedOn,
                ALICE, NOW, null, current);
    }

    static EndpointVersionCreated v0() {
        return created(0, V0_CONFIG, null, VersionOrigin.CREATE, null, null);
    }

    /** v0 created and serving. */
    static List<Object> servingV0() {
        return List.of(v0(), new RolloutStarted(ID, 0, WORKER, NOW), new RolloutSucceeded(ID, 0, null, WORKER, NOW));
    }

    /** v0 served, then v1 (2 GPUs) created and serving. */
    static List<Object> servingV1() {
        return List.of(v0(), new RolloutStarted(ID, 0, WORKER, NOW), new RolloutSucceeded(ID, 0, null, WORKER, NOW),
                created(1, V1_CONFIG, V0_CONFIG, VersionOrigin.UPDATE, null, 0),
                new RolloutStarted(ID, 1, WORKER, NOW), new RolloutSucceeded(ID, 1, 0, WORKER, NOW));
    }
}
