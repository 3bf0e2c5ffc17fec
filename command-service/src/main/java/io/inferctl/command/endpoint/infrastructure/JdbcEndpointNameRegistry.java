package io.inferctl.command.endpoint.infrastructure;

import io.inferctl.command.endpoint.EndpointNameRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs on the transaction of the command being handled (Axon binds it to the thread), so the name
 * and the endpoint's events are committed or rolled back together.
 */
@Component
class JdbcEndpointNameRegistry implements EndpointNameRegistry {

    private final JdbcClient jdbc;

    JdbcEndpointNameRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String name, String endpointId) {
        // ON CONFLICT keeps the transaction usable: a unique violation would abort it.
        return jdbc.sql("INSERT INTO endpoint_name (name, endpoint_id) VALUES (:name, :id) ON CONFLICT DO NOTHING")
                .param("name", name)
                .param("id", endpointId)
                .update() == 1;
    }

    @Override
    public void release(String name, String endpointId) {
        jdbc.sql("DELETE FROM endpoint_name WHERE name = :name AND endpoint_id = :id")
                .param("name", name)
                .param("id", endpointId)
                .update();
    }
}
