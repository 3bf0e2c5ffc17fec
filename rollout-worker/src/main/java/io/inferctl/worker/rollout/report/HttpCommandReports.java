package io.inferctl.worker.rollout.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.rollout.RolloutReportApi;
import io.inferctl.events.standby.StandbyEndReason;
import io.inferctl.events.text.FreeText;
import io.inferctl.worker.rollout.CommandReports;
import io.inferctl.worker.rollout.ReportUndeliveredException;
import io.inferctl.worker.rollout.VersionRef;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reports over the command API's worker-role endpoints ({@link RolloutReportApi}). Outcomes carry a
 * stable {@code Idempotency-Key} ({@code <endpointId>:<version>:<outcome>}), so a retry, or the same
 * step repeated after a crash, records the outcome once. {@code started} and {@code progress} need
 * none: the command side applies them only when they change something. No answer, 408, 429 and 5xx
 * are retried in line by the worker's short retry, then thrown as {@link ReportUndeliveredException};
 * with several command-service instances ({@code inferctl.reports.command-urls}) each such attempt
 * after a failed one goes to the next instance ({@link CommandApiInstances}).
 */
public class HttpCommandReports implements CommandReports {

    private static final Logger log = LoggerFactory.getLogger(HttpCommandReports.class);
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Answers worth another attempt besides 5xx; every other 4xx is the command side refusing the report. */
    private static final Set<Integer> RETRYABLE = Set.of(408, 429);
    /** The command API's problem code for a change that lost an append race; it asks to retry. */
    private static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";
    private static final ObjectMapper PROBLEMS = new ObjectMapper();

    private final CommandApiInstances<RestClient> instances;
    private final RetryTemplate retry;
    private final MeterRegistry meters;

    public HttpCommandReports(ReportProperties properties, RestClient.Builder rest, MeterRegistry meters) {
        this.meters = meters;
        this.retry = properties.retry().retrying(e -> e instanceof Unanswered || e instanceof Raced
                || e instanceof ResourceAccessException);
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                // The command API speaks HTTP/1.1 in the clear: no h2c upgrade offered on every new connection.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout()).build());
        requests.setReadTimeout(properties.requestTimeout());
        this.instances = new CommandApiInstances<>(properties.targets(), url -> rest.clone()
                .baseUrl(url.toString())
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.token())
                .build());
    }

    @Override
    public Answer started(VersionRef version) {
        return post(version, RolloutReportApi.BASE_PATH + RolloutReportApi.STARTED, null, null);
    }

    @Override
    public Answer progress(VersionRef version, RolloutPhase phase, String message, Integer canaryPercent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phase", phase);
        body.put("message", reportable(message));
        if (canaryPercent != null) {
            body.put("canaryPercent", canaryPercent);
        }
        return post(version, RolloutReportApi.BASE_PATH + RolloutReportApi.PROGRESS, body, null);
    }

    @Override
    public Answer succeeded(VersionRef version) {
        return outcome(version, RolloutReportApi.SUCCEEDED, null, "succeeded", null);
    }

    @Override
    public Answer failed(VersionRef version, FailureCode code, String message, String step) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("category", code.category());
        body.put("message", reportable(message));
        body.put("step", step);
        return outcome(version, RolloutReportApi.FAILED, body, "failed", code);
    }

    @Override
    public Answer cancelled(VersionRef version) {
        return outcome(version, RolloutReportApi.CANCELLED, null, "cancelled", FailureCode.CANCELLED_BY_USER);
    }

    @Override
    public Answer standbyStarted(VersionRef version, int replicas, Instant until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replicas", replicas);
        body.put("warmUntil", until.toString());
        return post(version, RolloutReportApi.STANDBY_PATH + RolloutReportApi.STANDBY_STARTED, body, null);
    }

    @Override
    public Answer standbyEnded(VersionRef version, StandbyEndReason reason, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("message", reportable(message));
        return post(version, RolloutReportApi.STANDBY_PATH + RolloutReportApi.STANDBY_ENDED, body, null);
    }

    private Answer outcome(VersionRef version, String path, Object body, String outcome, FailureCode code) {
        Answer answer = post(version, RolloutReportApi.BASE_PATH + path, body,
                version.endpointId() + ":" + version.version() + ":" + outcome);
        if (answer == Answer.ACCEPTED) {
            meters.counter("inferctl.rollouts.outcomes", "outcome", outcome,
                    "code", code == null ? "none" : code.name()).increment();
        }
        return answer;
    }

    private Answer post(VersionRef version, String path, Object body, String idempotencyKey) {
        return retry.execute(context -> {
            if (context.getRetryCount() > 0) {
                log.debug("Attempt {} to report {} of {} failed: {}", context.getRetryCount(), path, version,
                        context.getLastThrowable().getMessage());
            }
            return toAnyInstance(rest -> send(rest, version, path, body, idempotencyKey));
        }, context -> {
            throw new ReportUndeliveredException("Could not report " + path + " of " + version + " after "
                    + context.getRetryCount() + " attempts: " + context.getLastThrowable().getMessage(),
                    context.getLastThrowable());
        });
    }

    /** One attempt, on the instance that answered last; no answer or a 5xx sends the next attempt elsewhere. */
    private Answer toAnyInstance(Function<RestClient, Answer> attempt) {
        CommandApiInstances.Instance<RestClient> instance = instances.current();
        try {
            return attempt.apply(instance.client());
        } catch (Unanswered | ResourceAccessException e) {
            instances.unanswered(instance);
            throw e;
        }
    }

    private Answer send(RestClient rest, VersionRef version, String path, Object body, String idempotencyKey) {
        RestClient.RequestBodySpec request = rest.post()
                .uri(path, version.endpointId(), version.version());
        if (idempotencyKey != null) {
            request.header(IDEMPOTENCY_KEY, idempotencyKey);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((sent, response) -> {
            int status = response.getStatusCode().value();
            if (response.getStatusCode().is2xxSuccessful()) {
                return Answer.ACCEPTED;
            }
            String answer = response.bodyTo(String.class);
            if (status == 401 || status == 403) {
                // Not a verdict on this rollout: the worker's own token is wrong. Loud, and still not looped.
                log.error("Command API did not accept the worker's token (inferctl.reports.token) for the {} report "
                        + "of {}: {}", path, version, status);
                return Answer.REFUSED;
            }
            if (status == 409 && CONCURRENT_MODIFICATION.equals(problemCode(answer))) {
                // Not a verdict: a client's change to the endpoint was appended at the same moment (the
                // fault suite saw a standby report lost this way). Retried on the same instance.
                throw new Raced("answered 409 " + CONCURRENT_MODIFICATION);
            }
            if (response.getStatusCode().is4xxClientError() && !RETRYABLE.contains(status)) {
                log.warn("Command API refused the {} report of {}: {} {}", path, version, status, answer);
                return Answer.REFUSED;
            }
            throw new Unanswered("answered " + status + ": " + answer);
        });
    }

    /**
     * A cluster's message as the command API takes it: its control characters (e.g. a colour code in
     * an engine's log line) repaired and its length cut, since a refused report would leave the
     * rollout open.
     */
    private static String reportable(String message) {
        return FreeText.shorten(FreeText.repair(message), RolloutReportApi.MAX_MESSAGE);
    }

    private static String problemCode(String answer) {
        try {
            return answer == null ? null : PROBLEMS.readTree(answer).path("code").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A report that lost an append race with another change of its endpoint: worth another attempt. */
    private static final class Raced extends RuntimeException {
        Raced(String message) {
            super(message);
        }
    }

    /** An answer worth another attempt (408, 429, 5xx). */
    private static final class Unanswered extends RuntimeException {
        Unanswered(String message) {
            super(message);
        }
    }
}
