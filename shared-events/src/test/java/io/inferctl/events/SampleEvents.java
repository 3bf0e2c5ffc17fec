package io.inferctl.events;

import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.webhook.PayloadFormat;

import java.time.Instant;
import java.util.List;

/** One filled-in instance of every event in the catalog. */
final class SampleEvents {

    static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");

    static final EndpointConfig CONFIG = new EndpointConfig(
            new ModelSpec("Llama-3.1-8B-Instruct", "hf://meta-llama/Llama-3.1-8B-Instruct", null),
            new AcceleratorSpec("NVIDIA_H100", 1),
            new AutoscalingSpec(1, 2, 300),
            new EngineSettings(64, 4096, 8192, true, false, 30000));

    private SampleEvents() {
    }

    static List<EndpointEvent> all() {
        return List.of(
                new EndpointVersionCreated("ep-1", "llama-chat", 1, VersionOrigin.ROLLBACK, 0, CONFIG,
                        List.of(new FieldChange("accelerator.count", 2, 1),
                                new FieldChange("model.revision", "abc123", null)),
                        "alice", AT, "back to v0", 0),
                new RolloutStarted("ep-1", 1, "rollout-worker", AT),
                new RolloutProgressed("ep-1", 1, RolloutPhase.STARTING_ENGINE, "2/2 replicas scheduled",
                        "rollout-worker", AT, null),
                new RolloutProgressed("ep-1", 1, RolloutPhase.CANARY, "10% of traffic for 5m (step 1 of 2)",
                        "rollout-worker", AT, 10),
                new RolloutSucceeded("ep-1", 1, 0, "rollout-worker", AT),
                new RolloutFailed("ep-1", 1, FailureCode.INSUFFICIENT_GPU.category(), FailureCode.INSUFFICIENT_GPU,
                        "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.", "preflight", "rollout-worker",
                        AT, null),
                new RolloutCancellationRequested("ep-1", 1, "alice", null, AT),
                new RolloutCancelled("ep-1", 1, "alice", "rollout-worker", AT, 0),
                new CanaryPromotionRequested("ep-1", 1, "alice", "metrics look good", AT),
                new VersionStandbyStarted("ep-1", 0, 1, AT.plusSeconds(1800), "rollout-worker", AT),
                new VersionStandbyEnded("ep-1", 0, io.inferctl.events.standby.StandbyEndReason.REUSED,
                        "serves again as version 2", "rollout-worker", AT),
                new EndpointDeleted("ep-1", "llama-chat", "bob", AT, "retired"),
                new WebhookIntegrationCreated("wh-1", "wandb-prod", "ep-2", "llama-chat-2", CONFIG, PayloadFormat.WANDB,
                        "production", 1, "admin", AT),
                new WebhookSecretRotated("wh-1", "ep-2", "llama-chat-2", 2, AT.plusSeconds(86_400), "admin", AT),
                new WebhookIntegrationDisabled("wh-1", "ep-2", "llama-chat-2", "admin", AT, "registry moved"),
                new WebhookIntegrationDeleted("wh-1", "ep-2", "llama-chat-2", "admin", AT, null));
    }
}
