package io.inferctl.query.projection.lag;

import io.cloudevents.CloudEvent;
import io.inferctl.query.projection.kafka.BatchFailures;
import io.inferctl.query.projection.kafka.ProjectionProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class LagConfiguration {

    /** Registered as the health component {@code projection}. */
    @Bean(initMethod = "start", destroyMethod = "close")
    public ProjectionLag projection(KafkaProperties kafka, SslBundles sslBundles,
                                    ConsumerFactory<String, CloudEvent> endpointEventConsumerFactory,
                                    ProjectionProperties projection,
                                    ConcurrentMessageListenerContainer<String, CloudEvent> projectionContainer,
                                    LagProperties properties, MeterRegistry meters, JdbcTemplate jdbc,
                                    BatchFailures batchFailures) {
        ProjectionLag lag = new ProjectionLag(Admin.create(kafka.buildAdminProperties(sslBundles)), jdbc,
                endpointEventConsumerFactory.createConsumer(null, "query-service-lag", null), projection.topic(),
                projection.groupId(), projectionContainer, batchFailures, properties, Clock.systemUTC());
        Gauge.builder("inferctl.projection.lag.events", lag, l -> l.snapshot().eventsBehind())
                .description("Events on the topic the read model has not applied yet (-1 while unknown)")
                .register(meters);
        Gauge.builder("inferctl.projection.lag.seconds", lag, l -> l.snapshot().secondsBehind())
                .description("Age of the oldest event the read model has not applied yet, 0 when caught up (-1 while unknown)")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("inferctl.projection.parked.events", lag, l -> l.snapshot().parkedEvents())
                .description("Events waiting for a predecessor that has not arrived (-1 while unknown)")
                .register(meters);
        return lag;
    }
}
