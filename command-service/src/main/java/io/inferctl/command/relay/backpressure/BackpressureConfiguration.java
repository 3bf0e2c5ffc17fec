package io.inferctl.command.relay.backpressure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackpressureProperties.class)
public class BackpressureConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RelayLag.class);

    @Bean
    public RelayLag relayLag(JdbcClient jdbc, Serializer serializer, MeterRegistry meters) {
        RelayLag lag = new RelayLag(jdbc, serializer, Clock.systemUTC());
        Gauge.builder("inferctl.relay.lag.sampled", lag, l -> l.last().map(RelayLag.Sample::events).orElse(-1L))
                .description("Events in the store not yet acknowledged by Kafka, as every instance samples it (-1 while unknown)")
                .register(meters);
        return lag;
    }

    /** Its own thread: a slow sample must never wait behind, or hold up, any other scheduled work. */
    @Bean(destroyMethod = "shutdown")
    public ThreadPoolTaskScheduler relayLagSampler(RelayLag lag, BackpressureProperties properties) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("relay-lag-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        if (properties.maxLagEvents() > 0) {
            scheduler.scheduleWithFixedDelay(() -> sampleQuietly(lag), properties.sampleInterval());
        }
        return scheduler;
    }

    @Bean
    public CommandBackpressure commandBackpressure(RelayLag lag, BackpressureProperties properties) {
        return new CommandBackpressure(lag, properties, Clock.systemUTC());
    }

    private static void sampleQuietly(RelayLag lag) {
        try {
            lag.sample();
        } catch (RuntimeException e) {
            // The database is unreachable or shutting down: the last sample stands, commands fail on their own.
            log.debug("relay lag not sampled", e);
        }
    }
}
