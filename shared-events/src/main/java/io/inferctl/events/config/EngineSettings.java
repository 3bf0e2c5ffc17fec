package io.inferctl.events.config;

/**
 * Inference engine limits. Every setting is typed and always present in a snapshot; a client that
 * leaves one out at creation gets the service's documented default.
 */
public record EngineSettings(
        int maxBatchSize,
        int maxInputLength,
        int maxContextLength,
        boolean tokenizerSkipSpecialTokens,
        boolean tokenizerAddSpecialTokens,
        int queueTimeoutMs) {
}
