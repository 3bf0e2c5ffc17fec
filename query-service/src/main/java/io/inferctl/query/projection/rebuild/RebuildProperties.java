package io.inferctl.query.projection.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.time.Duration;
import java.util.Properties;

/**
 * @param tablePrefix        the rebuild fills tables named with this prefix, then renames them over the live ones
 * @param pollTimeout        how long one poll of the rebuild's own consumer waits for records
 * @param pauseTimeout       how long the rebuild waits for the live projection to pause before the final catch-up
 * @param switchLockTimeout  how long the switch waits for queries in flight to release the live tables
 * @param maxPollRecords     records the rebuild's consumer hands over per poll: one replay batch (one transaction)
 * @param fetchMaxBytes      bytes one fetch of the rebuild's consumer may bring, over all partitions
 * @param maxPartitionFetchBytes bytes one fetch may bring per partition
 * @param indexBuilds        indexes of the filled copy built at the same time (each on its own connection)
 * @param maintenanceWorkMem PostgreSQL's {@code maintenance_work_mem} for each of those builds: enough to sort
 *                           the largest index in memory instead of in temporary files
 */
@ConfigurationProperties("inferctl.rebuild")
public record RebuildProperties(
        @DefaultValue("rebuild_") String tablePrefix,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("30s") Duration pauseTimeout,
        @DefaultValue("10s") Duration switchLockTimeout,
        @DefaultValue("10000") int maxPollRecords,
        @DefaultValue("67108864") int fetchMaxBytes,
        @DefaultValue("16777216") int maxPartitionFetchBytes,
        @DefaultValue("2") int indexBuilds,
        @DefaultValue("256MB") String maintenanceWorkMem) {

    /** The rebuild's consumer reads the whole log as fast as it can: few, large fetches. */
    public Properties consumerProperties() {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(maxPollRecords));
        consumer.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(fetchMaxBytes));
        consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(maxPartitionFetchBytes));
        return consumer;
    }
}
