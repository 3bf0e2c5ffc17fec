package io.inferctl.command.eventstore;

import io.inferctl.axon.AxonPostgresSchemas;
import io.inferctl.stream.EventJson;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
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
