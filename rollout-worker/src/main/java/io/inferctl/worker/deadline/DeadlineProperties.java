package io.inferctl.worker.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How deadlines (db-scheduler tasks) are run.
 *
 * @param retryInterval how long after a deadline failed (an exception out of its handler or of storing the
 *                      saga, such as a dropped database connection) it runs again; db-scheduler's own
 *                      default for Axon's task is 5 minutes, which left a superseded version holding its
 *                      GPUs that long after a short database outage
 */
@ConfigurationProperties("inferctl.deadlines")
public record DeadlineProperties(@DefaultValue("5s") Duration retryInterval) {
}
