package io.inferctl.command.endpoint.infrastructure;

import io.inferctl.command.endpoint.EndpointPolicy;
import io.inferctl.command.endpoint.EndpointPolicyProperties;
import io.inferctl.command.eventstore.EventStoreProperties;
import io.inferctl.events.command.EndpointCommand;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EndpointPolicyProperties.class, EndpointCacheProperties.class})
public class EndpointConfiguration {

    @Bean
    public EndpointPolicy endpointPolicy(EndpointPolicyProperties properties) {
        return new EndpointPolicy(properties);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Commands name their endpoint through {@link EndpointCommand} instead of Axon's annotation, which
     * keeps the contract free of framework types.
     */
    @Bean
    public CommandTargetResolver endpointCommandTargetResolver() {
        return command -> new VersionedAggregateIdentifier(((EndpointCommand) command.getPayload()).endpointId(), null);
    }

    @Bean
    public SnapshotTriggerDefinition endpointSnapshotTrigger(Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** Named by {@code Endpoint}'s {@code @Aggregate}: endpoints stay loaded between commands, checked against the store. */
    @Bean
    public Cache endpointCache(EventStore eventStore, EndpointCacheProperties properties) {
        return new VerifiedAggregateCache(eventStore, properties.maxEntries());
    }
}
