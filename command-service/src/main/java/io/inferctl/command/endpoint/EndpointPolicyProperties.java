package io.inferctl.command.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * What a valid endpoint looks like here: the accelerator catalog, accepted model sources, bounds
 * on every numeric setting, and the defaults for settings a client leaves out at creation.
 */
@ConfigurationProperties("inferctl.endpoints")
public record EndpointPolicyProperties(
        @DefaultValue({"NVIDIA_A100_80GB", "NVIDIA_H100", "NVIDIA_H200", "NVIDIA_B200"}) List<String> acceleratorTypes,
        @DefaultValue({"1", "2", "4", "8"}) List<Integer> acceleratorCounts,
        @DefaultValue({"hf", "s3", "gs", "wandb"}) List<String> modelSourceSchemes,
        // The name prefixes Kubernetes objects "<name>-v<N>-<hash>", which must stay within 63 characters.
        @DefaultValue("40") int maxNameLength,
        @DefaultValue("200") int maxModelNameLength,
        @DefaultValue("1024") int maxModelSourceLength,
        @DefaultValue("100") int maxModelRevisionLength,
        @DefaultValue("64") int maxReplicas,
        @DefaultValue("3600") int maxCooldownSeconds,
        @DefaultValue("4096") int maxBatchSize,
        @DefaultValue("1048576") int maxContextLength,
        @DefaultValue("600000") int maxQueueTimeoutMs,
        @DefaultValue("1000") int maxCommentLength,
        @DefaultValue Defaults defaults,
        @DefaultValue RolloutLimits rollout) {

    /** Bounds of the rollout policy's settings (its defaults are the contract's, see {@code RolloutPolicyRules}). */
    public record RolloutLimits(
            @DefaultValue("86400") int maxBakeSeconds,
            @DefaultValue("604800") int maxWarmStandbySeconds,
            @DefaultValue("600000") int maxP99LatencyMs) {
    }

    /** Values for settings a create request may leave out. */
    public record Defaults(
            @DefaultValue("300") int cooldownSeconds,
            @DefaultValue("64") int maxBatchSize,
            @DefaultValue("4096") int maxInputLength,
            @DefaultValue("8192") int maxContextLength,
            @DefaultValue("true") boolean tokenizerSkipSpecialTokens,
            @DefaultValue("false") boolean tokenizerAddSpecialTokens,
            @DefaultValue("30000") int queueTimeoutMs) {
    }
}
