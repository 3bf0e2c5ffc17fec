package io.inferctl.command.eventstore;

import io.inferctl.axon.AxonPostgresSchemas;
import io.inferctl.stream.EventJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Axon's JDBC event store on PostgreSQL (no JPA: the global index is a plain identity column and
 * payloads are bytea). Table and column names match the Flyway migrations.
 */
@Configuration(proxyBeanMethods = false)
@Import(AxonPostgresSchemas.class)
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreConfiguration {

    @Bean
    public RevisionResolver revisionResolver() {
        return new EventRevisionResolver();
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, except how it knows it has read an
     * endpoint's last event. Axon's JDBC engine reads an aggregate by ranges of sequence numbers and,
     * not trusting a short range to be the last, reads until a range comes back empty: one more
     * query for every command on an existing endpoint. Sequence numbers here have no holes (the
     * repository appends last + 1 under a unique (aggregate, sequence) constraint, and no event is
     * ever deleted), so a range with fewer events than the batch is the end of the stream.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 EventStoreProperties properties) {
        int batchSize = properties.readBatchSize();
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(batchSize)
                .finalAggregateBatchPredicate(batch -> batch.size() < batchSize)
                .build();
    }

    /**
     * The event store as Axon's auto-configuration builds it, but with a short fetch delay. A commit in
     * this instance wakes the store's reader at once; the fetch delay (Axon's default: 1 s) is how long
     * the reader otherwise waits before it looks again. That wait was the relay's worst case: for
     * events committed by another instance, and for a wake-up that arrives while a read is running.
     */
    /** Axon's JDBC auto-configuration would provide one that cannot read PostgreSQL's unique violations. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.pollInterval().toMillis())
                .build();
    }

    /** One Jackson serializer for events, snapshots, tokens and messages (XStream cannot handle records). */
    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .objectMapper(EventJson.newMapper())
                .revisionResolver(revisionResolver)
                .build();
    }
}
