package io.inferctl.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param snapshotThreshold events after which an aggregate's state is snapshotted, so loading an
 *                          endpoint with a long history reads one snapshot and a few events
 * @param readBatchSize     events per query when the store is read, for an endpoint's history and for the relay
 * @param pollInterval      how soon the relay's reader looks again when no commit woke it: events another
 *                          instance committed, or a wake-up that came while a read was running
 */
@ConfigurationProperties("inferctl.event-store")
public record EventStoreProperties(@DefaultValue("100") int snapshotThreshold,
                                   @DefaultValue("100") int readBatchSize,
                                   @DefaultValue("50ms") Duration pollInterval) {
}
