package io.inferctl.query.audit;

import io.inferctl.query.web.QueryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class AuditQueryConfiguration {

    @Bean
    public AuditQueries auditQueries(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                     QueryProperties properties) {
        // PostgreSQL streams a result (fetch size) only inside a transaction.
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        return new AuditQueries(jdbc, readOnly, properties.exportFetchSize());
    }
}
