package io.inferctl.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Where the APIs are and how the console pages through them.
 *
 * @param commandUrl        the command API, e.g. {@code http://localhost:8081}
 * @param queryUrl          the query API, e.g. {@code http://localhost:8082}
 * @param apiTimeout        how long one API call may take before the page says the API is not answering
 * @param pageSize          rows per page of versions, endpoints and audit entries
 * @param nameFilterScan    how many endpoints a name filter reads at most (the query API has no name filter)
 * @param liveInterval      how often a live page's state is read from the query API while no rollout is in progress
 * @param liveRolloutInterval how often it is read while one is (the page shows a version going CURRENT this soon)
 * @param liveTimeout       how long one Server-Sent Events stream lasts before the browser reconnects
 * @param liveThreads       threads that read live pages' state (each read is a few short API calls)
 * @param catalogTtl        how long the command API's catalog (accelerators, counts, defaults) is kept before it is read again
 */
@ConfigurationProperties("inferctl.console")
public record ConsoleProperties(
        @DefaultValue("http://localhost:8081") URI commandUrl,
        @DefaultValue("http://localhost:8082") URI queryUrl,
        @DefaultValue("10s") Duration apiTimeout,
        @DefaultValue("20") int pageSize,
        @DefaultValue("1000") int nameFilterScan,
        @DefaultValue("500ms") Duration liveInterval,
        @DefaultValue("100ms") Duration liveRolloutInterval,
        @DefaultValue("5m") Duration liveTimeout,
        @DefaultValue("2") int liveThreads,
        @DefaultValue("1m") Duration catalogTtl) {
}
