package io.inferctl.worker.rollout.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.worker.rollout.CommandReports;
import io.inferctl.worker.rollout.VersionRef;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reports over the command API's worker-role endpoints. Outcomes carry a stable
 * {@code Idempotency-Key} ({@code <endpointId>:<version>:<outcome>}), so a retry, or the same step
 * repeated after a crash, records the outcome once. {@code started} and {@code progress} need none:
 * the command side applies them only when they change something.
 */
public class HttpCommandReports implements CommandReports {

    private static final Logger log = LoggerFactory.getLogger(HttpCommandReports.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Answers worth another attempt; every other 4xx is the command side refusing the report. */
    private static final Set<Integer> RETRYABLE = Set.of(408, 429);

    private final ReportProperties properties;
    private final HttpClient http;
    private final MeterRegistry meters;

    public HttpCommandReports(ReportProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.http = HttpClient.newBuilder()
                // The command API speaks HTTP/1.1 in the clear: no h2c upgrade offered on every new connection.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout()).build();
    }

    @Override
    public Answer started(VersionRef version) {
        return post(version, "started", null, null);
    }

    @Override
    public Answer progress(VersionRef version, RolloutPhase phase, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phase", phase);
        body.put("message", truncate(message));
        return post(version, "progress", body, null);
    }

    @Override
    public Answer succeeded(VersionRef version) {
        return outcome(version, "succeeded", null, "succeeded", null);
    }

    @Override
    public Answer failed(VersionRef version, FailureCode code, String message, String step) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("category", code.category());
        body.put("message", truncate(message));
        body.put("step", step);
        return outcome(version, "failed", body, "failed", code);
    }

    @Override
    public Answer cancelled(VersionRef version) {
        return outcome(version, "cancelled", null, "cancelled", FailureCode.CANCELLED_BY_USER);
    }

    private Answer outcome(VersionRef version, String step, Object body, String outcome, FailureCode code) {
        Answer answer = post(version, step, body, version.endpointId() + ":" + version.version() + ":" + step);
        if (answer == Answer.ACCEPTED) {
            meters.counter("inferctl.rollouts.outcomes", "outcome", outcome,
                    "code", code == null ? "none" : code.name()).increment();
        }
        return answer;
    }

    private Answer post(VersionRef version, String step, Object body, String idempotencyKey) {
        URI uri = properties.commandUrl().resolve("/v1/internal/endpoints/" + version.endpointId() + "/versions/"
                + version.version() + "/rollout/" + step);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + properties.token());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body)));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest built = request.build();
        Exception lastError = null;
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return Answer.ACCEPTED;
                }
                if (status == 401 || status == 403) {
                    // Not a verdict on this rollout: the worker's own token is wrong. Loud, and still not looped.
                    log.error("Command API did not accept the worker's token (inferctl.reports.token) for the {} report "
                            + "of {}: {}", step, version, status);
                    return Answer.REFUSED;
                }
                if (status / 100 == 4 && !RETRYABLE.contains(status)) {
                    log.warn("Command API refused the {} report of {}: {} {}", step, version, status, response.body());
                    return Answer.REFUSED;
                }
                lastError = new IOException("answered " + status + ": " + response.body());
            } catch (IOException e) {
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReportUndeliveredException("interrupted while reporting " + step + " of " + version, e);
            }
            log.debug("Attempt {} to report {} of {} failed: {}", attempt, step, version, lastError.getMessage());
            pause(attempt);
        }
        throw new ReportUndeliveredException("Could not report " + step + " of " + version + " after "
                + properties.maxAttempts() + " attempts: " + lastError.getMessage(), lastError);
    }

    private void pause(int attempt) {
        long cap = properties.maxBackoff().toMillis();
        long bound = Math.max(1, Math.min(cap, properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20)));
        try {
            Thread.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportUndeliveredException("interrupted while waiting to retry a report", e);
        }
    }

    /** The command API refuses a message longer than this; a cluster's message can be longer. */
    private static final int MAX_MESSAGE = 2000;

    private static String truncate(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
