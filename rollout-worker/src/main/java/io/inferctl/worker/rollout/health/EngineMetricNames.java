package io.inferctl.worker.rollout.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where an engine's health is on its metrics page, as {@link SeriesSelector}s. The defaults are the
 * names of inferctl's engine (and of the simulator). For vLLM's OpenAI server, which counts no failed
 * requests itself but whose HTTP layer (prometheus-fastapi-instrumentator) counts answers by status
 * class, one would configure:
 * <pre>
 * requests: http_requests_total{handler="/v1/chat/completions"}
 * errors:   http_requests_total{handler="/v1/chat/completions",status="5xx"}
 * duration: vllm:e2e_request_latency_seconds
 * </pre>
 * ({@code vllm:request_success_total}, summed over {@code finished_reason}, counts only the requests
 * that finished, so it cannot give an error rate alone.)
 *
 * @param path     the page's path on the engine's port
 * @param requests counter of requests the engine finished, failed ones included
 * @param errors   counter of requests that failed; empty when the engine has none (no error rate then)
 * @param duration the request-duration histogram, in seconds (its {@code _bucket} series are read)
 */
@ConfigurationProperties("inferctl.rollout.health.metrics")
public record EngineMetricNames(
        @DefaultValue("/metrics") String path,
        @DefaultValue("inferctl_engine_requests_total") String requests,
        @DefaultValue("inferctl_engine_request_errors_total") String errors,
        @DefaultValue("inferctl_engine_request_duration_seconds") String duration) {
}
