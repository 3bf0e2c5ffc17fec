package io.inferctl.query.projection.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param tablePrefix        the rebuild fills tables named with this prefix, then renames them over the live ones
 * @param pollTimeout        how long one poll of the rebuild's own consumer waits for records
 * @param pauseTimeout       how long the rebuild waits for the live projection to pause before the final catch-up
 * @param switchLockTimeout  how long the switch waits for queries in flight to release the live tables
 */
@ConfigurationProperties("inferctl.rebuild")
public record RebuildProperties(
        @DefaultValue("rebuild_") String tablePrefix,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("30s") Duration pauseTimeout,
        @DefaultValue("10s") Duration switchLockTimeout) {
}
