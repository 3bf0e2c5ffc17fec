package io.inferctl.worker.rollout;

import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import org.axonframework.test.saga.SagaTestFixture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;

/** The endpoint, versions, events and pacing the saga's given-when-then tests share. */
final class SagaExamples {

    static final String ID = "8d3c0f55-6a4e-4c0b-9d1e-2f6a7b8c9d0e";
    static final VersionRef V0 = new VersionRef(ID, "llama-chat", 0);
    static final VersionRef V1 = new VersionRef(ID, "llama-chat", 1);
    static final EndpointConfig CONFIG = new EndpointConfig(
            new ModelSpec("Llama-3.1-8B-Instruct", "hf://meta-llama/Llama-3.1-8B-Instruct", null),
            new AcceleratorSpec("NVIDIA_H100", 1),
            new AutoscalingSpec(2, 4, 300),
            new EngineSettings(64, 4096, 8192, true, false, 30000));
    /**
     * Deadline 10 min, checks every 200 ms, drain 30 s, compensation retried after 5 s, a report's step
     * after 3 s, at most 2 warm versions; canary health looked at every 10 s, no restart nor pod not
     * ready allowed, 20 requests for a verdict.
     */
    static final RolloutProperties PROPERTIES = new RolloutProperties(Duration.ofMinutes(10),
            Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(3), 2,
            new RolloutProperties.Canary(Duration.ofSeconds(10), 0, 0, 20));

    private SagaExamples() {
    }

    /** A fixture whose cluster has room and whose pods download the model until a test says otherwise. */
    static SagaTestFixture<RolloutSaga> fixture(Cluster cluster, CommandReports reports) {
        when(cluster.capacity(any(), any(), anyInt())).thenReturn(new Cluster.Capacity(true, "2 replicas fit"));
        when(cluster.servedDeployment(any())).thenReturn(null);
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.progressing(
                RolloutPhase.DOWNLOADING_MODEL, "0/2 available"));
        SagaTestFixture<RolloutSaga> fixture = new SagaTestFixture<>(RolloutSaga.class);
        fixture.registerResource(cluster);
        fixture.registerResource(reports);
        fixture.registerResource(PROPERTIES);
        return fixture;
    }

    static EndpointVersionCreated created(int version, Integer current) {
        return created(version, current, CONFIG);
    }

    static EndpointVersionCreated created(int version, Integer current, EndpointConfig config) {
        return new EndpointVersionCreated(ID, "llama-chat", version, version == 0 ? VersionOrigin.CREATE : VersionOrigin.UPDATE,
                null, config, List.of(), "alice@example.com", Instant.parse("2026-11-25T10:00:00Z"), "test", current);
    }

    /** {@link #CONFIG} whose superseded version is removed after the drain delay instead of kept warm. */
    static EndpointConfig withoutStandby() {
        return CONFIG.with(java.util.Map.of(io.inferctl.events.config.ConfigField.ROLLOUT_WARM_STANDBY_SECONDS, 0));
    }

    static RolloutCancellationRequested cancellation(int version) {
        return new RolloutCancellationRequested(ID, version, "alice@example.com", "not now", Instant.parse("2026-11-25T10:01:00Z"));
    }
}
