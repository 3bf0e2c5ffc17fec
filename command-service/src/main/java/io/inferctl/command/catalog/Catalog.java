package io.inferctl.command.catalog;

import io.inferctl.command.endpoint.EndpointPolicy;
import io.inferctl.command.endpoint.EndpointPolicyProperties;
import io.inferctl.events.config.ConfigField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this deployment accepts, as a client needs it to offer choices instead of guessing: the
 * accelerator types and counts, the model-source schemes, the defaults a new endpoint gets for the
 * settings it leaves out (shaped as a configuration document) and the bounds of the settings.
 */
public record Catalog(
        List<String> acceleratorTypes,
        List<Integer> acceleratorCounts,
        List<String> modelSourceSchemes,
        Map<String, Map<String, Object>> defaults,
        Limits limits) {

    /** The largest value each bounded setting or text may take. */
    public record Limits(int maxNameLength, int maxReplicas, int maxCooldownSeconds, int maxBatchSize,
                         int maxContextLength, int maxQueueTimeoutMs, int maxCommentLength) {
    }

    static Catalog of(EndpointPolicyProperties properties, EndpointPolicy policy) {
        Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
        policy.defaults().forEach((ConfigField field, Object value) ->
                defaults.computeIfAbsent(field.section(), section -> new LinkedHashMap<>()).put(field.key(), value));
        return new Catalog(properties.acceleratorTypes(), properties.acceleratorCounts(), properties.modelSourceSchemes(),
                defaults, new Limits(properties.maxNameLength(), properties.maxReplicas(), properties.maxCooldownSeconds(),
                properties.maxBatchSize(), properties.maxContextLength(), properties.maxQueueTimeoutMs(),
                properties.maxCommentLength()));
    }
}
