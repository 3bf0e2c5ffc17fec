package io.inferctl.query.consistency;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;

/**
 * Read-your-writes: command answers carry the endpoint's event sequence, and a query that passes
 * it waits here until the read model has applied that far. The endpoint row's {@code last_sequence}
 * moves in the same transaction as every row the events change, so once it is reached every
 * query sees at least that state.
 */
public class ProjectionPositions {

    private final JdbcTemplate jdbc;
    private final ConsistencyProperties properties;
    private final Object advanced = new Object();
    /** Counts commits; guarded by {@link #advanced}. */
    private long commits;

    public ProjectionPositions(JdbcTemplate jdbc, ConsistencyProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The endpoint's last applied sequence, or {@code -1} when the read model does not know it yet. */
    public long projectedSequence(String endpointId) {
        List<Long> sequence = jdbc.queryForList("SELECT last_sequence FROM endpoint WHERE endpoint_id = ?",
                Long.class, endpointId);
        return sequence.isEmpty() ? -1 : sequence.get(0);
    }

    /**
     * Returns once the endpoint's events up to {@code minSequence} are applied.
     *
     * @throws ProjectionBehindException when that takes longer than the configured wait
     */
    public void awaitSequence(String endpointId, long minSequence) {
        long deadline = System.nanoTime() + properties.maxWait().toNanos();
        while (true) {
            // Read before the query: a commit that lands between the query and the wait below
            // must not be slept through (it would cost a whole recheck interval).
            long seen = commitsSoFar();
            long projected = projectedSequence(endpointId);
            if (projected >= minSequence) {
                return;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new ProjectionBehindException(endpointId, minSequence, projected);
            }
            long waitMillis = Math.max(1, Math.min(Duration.ofNanos(remaining).toMillis(),
                    properties.recheckInterval().toMillis()));
            synchronized (advanced) {
                try {
                    if (commits == seen) {
                        advanced.wait(waitMillis);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProjectionBehindException(endpointId, minSequence, projected);
                }
            }
        }
    }

    /** Called after every committed batch (and after a rebuild's switch): wakes every waiting query. */
    public void advanced() {
        synchronized (advanced) {
            commits++;
            advanced.notifyAll();
        }
    }

    private long commitsSoFar() {
        synchronized (advanced) {
            return commits;
        }
    }

    public ConsistencyProperties properties() {
        return properties;
    }
}
