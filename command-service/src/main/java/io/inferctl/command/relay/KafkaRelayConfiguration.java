package io.inferctl.command.relay;

import io.inferctl.stream.EndpointCloudEvents;
import io.cloudevents.CloudEvent;
import io.inferctl.command.web.WebProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaRelayProperties.class)
public class KafkaRelayConfiguration {

    /**
     * Events are kept forever: the topic is the log that read models are rebuilt from.
     * Declared here so a fresh broker gets it with the right settings before the first event.
     */
    @Bean
    public NewTopic endpointEventsTopic(KafkaRelayProperties properties) {
        return TopicBuilder.name(properties.topic())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .build();
    }

    @Bean
    public EndpointCloudEvents endpointCloudEvents(KafkaRelayProperties properties, WebProperties web) {
        return new EndpointCloudEvents(properties.source(), web.schemaBaseUri());
    }

    @Bean
    public KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, EndpointCloudEvents cloudEvents,
                                           KafkaRelayProperties properties) {
        return new KafkaEventRelay(kafka, cloudEvents, properties.topic(), properties.sendTimeout());
    }

    /**
     * Axon's default only logs a handler's exception and moves on, which would skip the event for
     * good. The relay must stop and retry instead.
     */
    @Bean
    public ConfigurerModule relayErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                KafkaEventRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    public RelayStatus relayHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore,
                                   MeterRegistry meters) {
        RelayStatus status = new RelayStatus(processing, eventStore);
        Gauge.builder("inferctl.relay.lag.events", status, s -> s.lagEvents().orElse(-1))
                .description("Events in the store not yet acknowledged by Kafka (-1 while unknown)")
                .register(meters);
        return status;
    }
}
