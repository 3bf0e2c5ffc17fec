package io.inferctl.bench;

import java.time.Duration;

/**
 * How much each scenario does. The full run is what the figures in BENCHMARKS.md come from;
 * {@code --quick} runs every scenario briefly, to prove the harness works, and its figures mean nothing.
 *
 * @param warmUp          load before each measured throughput window (JIT, pools, caches)
 * @param window          each throughput measurement (per client count)
 * @param fixedRate       the fixed-rate latency run
 * @param lagRate         commands per second while projection lag is measured
 * @param lagDuration     how long projection lag is measured
 * @param historyVersions versions of the one endpoint whose history page is read
 * @param auditEntries    audit entries in total (the long endpoint's and many others')
 * @param reads           timed requests per read (after as many again to warm up, at most 500)
 * @param rollouts        rollouts timed from accepted to traffic switched
 */
record Scale(boolean quick, Duration warmUp, Duration window, Duration fixedRate, int lagRate, Duration lagDuration,
             int historyVersions, int auditEntries, int reads, int rollouts) {

    static final int[] CLIENTS = {1, 4, 16};

    static Scale fullRun() {
        return new Scale(false, Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofSeconds(15), 100,
                Duration.ofSeconds(15), 100_000, 1_000_000, 2_000, 100);
    }

    static Scale quickRun() {
        return new Scale(true, Duration.ofMillis(300), Duration.ofMillis(700), Duration.ofSeconds(1), 20,
                Duration.ofSeconds(1), 300, 3_000, 20, 3);
    }

    /** The same, with another history size where one is given. */
    Scale withHistory(Integer versions, Integer entries) {
        return new Scale(quick, warmUp, window, fixedRate, lagRate, lagDuration,
                versions == null ? historyVersions : versions, entries == null ? auditEntries : entries, reads, rollouts);
    }
}
