package io.inferctl.worker.rollout.report;

import io.inferctl.worker.retry.ShortRetry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how the worker reports to the command API.
 *
 * @param commandUrl     the command service's base URL, when the worker knows only one instance
 * @param commandUrls    the base URLs of several command-service instances, first choice first; when set,
 *                       {@code commandUrl} is not used. A report that gets no answer or a 5xx from one
 *                       instance goes to the next within the same {@code maxAttempts}
 * @param token          the worker-role API token
 * @param requestTimeout timeout of one report request
 * @param maxAttempts    attempts of one report in line; then the saga runs the step again from a deadline
 *                       ({@code inferctl.rollout.report-retry-interval})
 * @param initialBackoff first wait between attempts (doubling, with jitter)
 * @param maxBackoff     cap of every wait
 */
@ConfigurationProperties("inferctl.reports")
public record ReportProperties(
        @DefaultValue("http://localhost:8081") URI commandUrl,
        List<URI> commandUrls,
        @DefaultValue("") String token,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("100ms") Duration initialBackoff,
        @DefaultValue("1s") Duration maxBackoff) {

    public ReportProperties {
        commandUrls = commandUrls == null ? List.of() : List.copyOf(commandUrls);
    }

    /** The instances reports go to, first choice first: {@code commandUrls}, or {@code commandUrl} alone. */
    public List<URI> targets() {
        return commandUrls.isEmpty() ? List.of(commandUrl) : commandUrls;
    }

    public ShortRetry retry() {
        return new ShortRetry(maxAttempts, initialBackoff, maxBackoff);
    }
}
