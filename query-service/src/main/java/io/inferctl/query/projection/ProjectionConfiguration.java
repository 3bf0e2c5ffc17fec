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
    public EndpointTable endpointTable(JdbcTemplate jdbc) {
        return new EndpointTable(jdbc);
    }

    @Bean
    public VersionTable versionTable(JdbcTemplate jdbc) {
        return new VersionTable(jdbc);
    }

    @Bean
    public AuditEntryTable auditEntryTable(JdbcTemplate jdbc) {
        return new AuditEntryTable(jdbc);
    }

    @Bean
    public EventLedger eventLedger(JdbcTemplate jdbc) {
        return new EventLedger(jdbc);
    }

    @Bean
    public Projector projector(EndpointTable endpoints, VersionTable versions, AuditEntryTable audit,
                               EventLedger ledger, RefusedEventLog refusedEvents,
                               PlatformTransactionManager transactionManager) {
        return new Projector(endpoints, versions, audit, ledger, refusedEvents,
                new TransactionTemplate(transactionManager), Clock.systemUTC());
    }

    @Bean
    public RefusedEventLog refusedEventLog(JdbcTemplate jdbc) {
        return new RefusedEventLog(jdbc);
    }

    @Bean
    public ReplayProjector.Factory replayProjectors(EndpointTable endpoints, VersionTable versions,
                                                    AuditEntryTable audit, EventLedger ledger, ReadModelSchema schema,
                                                    JdbcTemplate jdbc, RefusedEventLog refusedEvents,
                                                    PlatformTransactionManager transactionManager) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        return copy -> new ReplayProjector(endpoints, versions, audit, ledger, schema, jdbc, transactions,
                Clock.systemUTC(), copy, refusedEvents.all());
    }

    @Bean
    public ReadModelSchema readModelSchema(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new ReadModelSchema(jdbc, new TransactionTemplate(transactionManager));
    }
}
