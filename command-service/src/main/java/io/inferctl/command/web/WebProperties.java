package io.inferctl.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param maxRequestBody  larger bodies are refused with 413 before they are parsed
 * @param commandTimeout  how long a request waits for its command; past it the answer is 503 and a
 *                        retry with the same Idempotency-Key is safe
 * @param schemaBaseUri   where the event JSON Schemas are published; names each Kafka record's dataschema
 * @param retryAfter      the {@code Retry-After} of an answer that is worth retrying soon: a command
 *                        that timed out, or a duplicate of a request still in progress
 */
@ConfigurationProperties("inferctl.web")
public record WebProperties(
        @DefaultValue("64KB") DataSize maxRequestBody,
        @DefaultValue("10s") Duration commandTimeout,
        @DefaultValue("http://localhost:8081/v1/schemas/events/") String schemaBaseUri,
        @DefaultValue("1s") Duration retryAfter) {
}
