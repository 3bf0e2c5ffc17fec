package io.inferctl.worker.eventstore;

import io.inferctl.axon.AxonPostgresSchemas;
import io.inferctl.stream.EventJson;
import io.inferctl.worker.rollout.RolloutSaga;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * The worker's own Axon store on PostgreSQL: events from the inbox, processor tokens, rollout sagas.
 * No JPA: table and column names are the snake_case ones of the Flyway migration.
 */
@Configuration(proxyBeanMethods = false)
@Import(AxonPostgresSchemas.class)
public class EventStoreConfiguration {

    /** Axon names a saga's processing group after the saga class. */
    public static final String ROLLOUT_PROCESSING_GROUP = RolloutSaga.class.getSimpleName() + "Processor";
    /** Removal of a deleted endpoint's objects. */
    public static final String REMOVAL_PROCESSING_GROUP = "endpoint-removal";

    /**
     * Sagas loaded with {@code SELECT ... FOR UPDATE}, in the transaction that stores them again. Axon's
     * saga lock is per JVM: a saga's events reach it on the instance that claims its segment, but its
     * deadlines fire from db-scheduler on any instance, so without the row lock two worker instances
     * may load the same saga at once and the later store silently undoes the earlier one (issue 16:
     * a rollout stored back in an old stage with no deadline left). The second load now waits for
     * the first transaction to commit and sees its state.
     */
    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        PostgresSagaSqlSchema schema = new PostgresSagaSqlSchema(sagaSchema());
        schema.setExclusiveLoad(true);
        return schema;
    }

    public static SagaSchema sagaSchema() {
        return SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build();
    }

    /**
     * One Jackson serializer for events, sagas, tokens and deadlines: XStream cannot handle records,
     * and the events' JSON stays the contract's one form.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        return newSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return newSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return newSerializer();
    }

    public static Serializer newSerializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    }

    /**
     * Axon's default only logs a handler's exception and moves on, which would skip a rollout's event
     * for good. The processor must stop and retry that event instead.
     */
    @Bean
    public ConfigurerModule rolloutErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(ROLLOUT_PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(REMOVAL_PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
