package io.inferctl.query.projection.rebuild;

import io.cloudevents.CloudEvent;
import io.inferctl.query.consistency.ProjectionPositions;
import io.inferctl.query.projection.Projector;
import io.inferctl.query.projection.ReadModelSchema;
import io.inferctl.query.projection.ReplayProjector;
import io.inferctl.query.projection.kafka.ProjectionProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class RebuildConfiguration {

    @Bean
    public Rebuilder rebuilder(ConsumerFactory<String, CloudEvent> endpointEventConsumerFactory,
                               ProjectionProperties projection,
                               ConcurrentMessageListenerContainer<String, CloudEvent> projectionContainer,
                               Projector projector, ReplayProjector.Factory replays, ReadModelSchema schema, ProjectionPositions positions,
                               RebuildProperties properties) {
        return new Rebuilder(endpointEventConsumerFactory, projection.topic(), projectionContainer, projector, replays, schema,
                positions, properties, Clock.systemUTC());
    }
}
