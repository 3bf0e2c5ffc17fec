package io.inferctl.query.projection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    public ReadModelStore readModelStore(JdbcTemplate jdbc) {
        return new ReadModelStore(jdbc);
    }

    @Bean
    public Projector projector(ReadModelStore store, RefusedEventLog refusedEvents,
                               PlatformTransactionManager transactionManager) {
        return new Projector(store, refusedEvents, new TransactionTemplate(transactionManager), Clock.systemUTC());
    }

    @Bean
    public RefusedEventLog refusedEventLog(JdbcTemplate jdbc) {
        return new RefusedEventLog(jdbc);
    }

    @Bean
    public ReplayProjector.Factory replayProjectors(ReadModelStore store, ReadModelSchema schema, JdbcTemplate jdbc,
                                                    RefusedEventLog refusedEvents,
                                                    PlatformTransactionManager transactionManager) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        return copy -> new ReplayProjector(store, schema, jdbc, transactions, Clock.systemUTC(), copy,
                refusedEvents.all());
    }

    @Bean
    public ReadModelSchema readModelSchema(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new ReadModelSchema(jdbc, new TransactionTemplate(transactionManager));
    }
}
