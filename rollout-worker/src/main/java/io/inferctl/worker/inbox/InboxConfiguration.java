package io.inferctl.worker.inbox;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
public class InboxConfiguration {

    @Bean
    public EventInbox eventInbox(EventStore eventStore, JdbcClient jdbc) {
        return new EventInbox(eventStore, jdbc);
    }

    @Bean
    public KafkaInbox kafkaInbox(EventInbox inbox) {
        return new KafkaInbox(inbox);
    }

    /**
     * An event that cannot be stored (the database is down) is retried without end and its offset
     * stays uncommitted: skipping it would lose a rollout. Spring Boot wires this into the listener container.
     */
    @Bean
    public DefaultErrorHandler inboxErrorHandler(InboxProperties properties) {
        return new DefaultErrorHandler(new FixedBackOff(properties.retryBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
    }
}
