package io.inferctl.worker.inbox;

import io.inferctl.stream.UnreadableEventException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
public class InboxConfiguration {

    /** The reason a record was dead-lettered, as query-service's dead letters carry it too. */
    public static final String DEAD_LETTER_REASON = "inferctl-dlt-reason";

    @Bean
    public EventInbox eventInbox(EventStore eventStore, JdbcClient jdbc) {
        return new EventInbox(eventStore, jdbc);
    }

    @Bean
    public KafkaInbox kafkaInbox(EventInbox inbox) {
        return new KafkaInbox(inbox);
    }

    /**
     * A record that is not one of our events goes, unchanged, to the dead-letter topic (with
     * Spring Kafka's {@code kafka_dlt-*} headers and our reason), and its partition moves on. An
     * event that cannot be stored (the database is down) is retried without end and its offset stays
     * uncommitted: skipping it would lose a rollout. Spring Boot wires this into the listener container.
     */
    @Bean
    public DefaultErrorHandler inboxErrorHandler(InboxProperties properties, KafkaProperties kafka) {
        KafkaTemplate<String, byte[]> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new StringSerializer(), new ByteArraySerializer()));
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, e) -> new TopicPartition(properties.deadLetterTopic(), -1));
        recoverer.setHeadersFunction((record, e) -> {
            Throwable reason = e.getCause() instanceof UnreadableEventException unreadable ? unreadable : e;
            RecordHeaders headers = new RecordHeaders();
            headers.add(DEAD_LETTER_REASON, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        return handler;
    }

    @Bean
    public NewTopic inboxDeadLetterTopic(InboxProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
    }
}
