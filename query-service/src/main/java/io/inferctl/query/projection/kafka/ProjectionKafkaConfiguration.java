package io.inferctl.query.projection.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.inferctl.query.consistency.ProjectionPositions;
import io.inferctl.query.projection.Projector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class ProjectionKafkaConfiguration {

    /** The id of the live projection's listener container. */
    public static final String CONTAINER_ID = "query-projection";

    /**
     * Endpoint events as CloudEvents (binary mode). A record that is no CloudEvent at all arrives in
     * the batch with a null value and the failure in a header instead of stopping the partition.
     * Built from Boot's consumer settings ({@code spring.kafka.consumer.*}); offsets are committed by
     * the container after each applied batch, never automatically.
     */
    @Bean
    public ConsumerFactory<String, CloudEvent> endpointEventConsumerFactory(KafkaProperties kafka, SslBundles sslBundles,
                                                                           ProjectionProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(sslBundles));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new DefaultKafkaConsumerFactory<>(config, StringDeserializer::new,
                () -> new ErrorHandlingDeserializer<>(new CloudEventDeserializer()));
    }

    @Bean
    public ConcurrentMessageListenerContainer<String, CloudEvent> projectionContainer(
            ConsumerFactory<String, CloudEvent> endpointEventConsumerFactory, ProjectionProperties properties,
            ProjectionListener listener) {
        ContainerProperties containerProperties = new ContainerProperties(properties.topic());
        containerProperties.setGroupId(properties.groupId());
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        // The batch is committed to the database before its offsets are; waiting for the broker to
        // confirm them would only delay the next batch. A lost offset commit means a redelivery,
        // which the projector recognises.
        containerProperties.setSyncCommits(false);
        containerProperties.setMessageListener(listener);
        var container = new ConcurrentMessageListenerContainer<>(endpointEventConsumerFactory, containerProperties);
        container.setBeanName(CONTAINER_ID);
        container.setConcurrency(properties.concurrency());
        // A failed batch is retried whole: until it succeeds when the database or the dead-letter topic is
        // unreachable (skipping it would lose events), at most maxAttempts times when the database refuses
        // it (the listener then dead-letters the events it refuses). The projector recognises whatever
        // part of a batch was applied.
        container.setCommonErrorHandler(new DefaultErrorHandler(
                new FixedBackOff(properties.retryInterval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS)));
        return container;
    }

    @Bean
    public ProjectionListener projectionListener(Projector projector, DeadLetters deadLetters,
                                                 ProjectionPositions positions, MeterRegistry meters,
                                                 BatchFailures batchFailures, ProjectionProperties properties) {
        Timer eventAge = Timer.builder("inferctl.projection.event.age")
                .description("From an event's publication to the commit that made it visible to queries")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        return new ProjectionListener(projector, deadLetters, positions, eventAge, Clock.systemUTC(), batchFailures,
                properties.maxAttempts());
    }

    @Bean
    public BatchFailures batchFailures() {
        return new BatchFailures();
    }

    @Bean
    public NewTopic deadLetterTopic(ProjectionProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic())
                .partitions(properties.deadLetterPartitions())
                .replicas(properties.deadLetterReplicas())
                .build();
    }

    @Bean
    public DeadLetters deadLetters(KafkaProperties kafka, SslBundles sslBundles, ProjectionProperties properties) {
        ProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                new HashMap<>(kafka.buildProducerProperties(sslBundles)), new StringSerializer(),
                new ByteArraySerializer());
        return new DeadLetters(new KafkaTemplate<>(producers), properties.deadLetterTopic(), properties.topic(),
                properties.deadLetterSendTimeout());
    }
}
