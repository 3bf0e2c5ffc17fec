package io.inferctl.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param snapshotThreshold events after which an aggregate's state is snapshotted, so loading an
 *                          endpoint with a long history reads one snapshot and a few events
 * @param readBatchSize     events per query when the store is read, for an endpoint's history and for the relay
 */
@ConfigurationProperties("inferctl.event-store")
public record EventStoreProperties(@DefaultValue("100") int snapshotThreshold,
                                   @DefaultValue("100") int readBatchSize) {
}
