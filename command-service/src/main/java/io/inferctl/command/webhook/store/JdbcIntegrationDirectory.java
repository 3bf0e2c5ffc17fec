package io.inferctl.command.webhook.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.command.webhook.IntegrationDirectory;
import io.inferctl.command.webhook.IntegrationStatus;
import io.inferctl.events.WebhookIntegrationCreated;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.webhook.PayloadFormat;
import io.inferctl.stream.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs on the transaction of the command being handled (Axon binds it to the thread). */
@Component
public class JdbcIntegrationDirectory implements IntegrationDirectory {

    /** One integration as listed: never its secret. */
    public record IntegrationRow(String integrationId, String name, String endpointId, String endpointName,
                                 EndpointConfig template, PayloadFormat format, String aliasFilter,
                                 IntegrationStatus status, String createdBy, Instant createdAt) {
    }

    private static final String COLUMNS = "integration_id, name, endpoint_id, endpoint_name, template::text AS template, "
            + "format, alias_filter, status, created_by, created_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json = EventJson.newMapper();

    JdbcIntegrationDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean register(WebhookIntegrationCreated created) {
        // ON CONFLICT keeps the transaction usable: a unique violation would abort it.
        return jdbc.sql("INSERT INTO webhook_integration (integration_id, name, endpoint_id, endpoint_name, template, "
                        + "format, alias_filter, status, created_by, created_at) VALUES (:id, :name, :endpointId, "
                        + ":endpointName, CAST(:template AS jsonb), :format, :alias, :status, :by, :at) ON CONFLICT DO NOTHING")
                .param("id", created.integrationId())
                .param("name", created.name())
                .param("endpointId", created.endpointId())
                .param("endpointName", created.endpointName())
                .param("template", created.template() == null ? null : write(created.template()))
                .param("format", created.format().name())
                .param("alias", created.aliasFilter())
                .param("status", IntegrationStatus.ENABLED.name())
                .param("by", created.createdBy())
                .param("at", Timestamp.from(created.createdAt()))
                .update() == 1;
    }

    @Override
    public void changeStatus(String integrationId, IntegrationStatus status) {
        jdbc.sql("UPDATE webhook_integration SET status = :status WHERE integration_id = :id")
                .param("status", status.name())
                .param("id", integrationId)
                .update();
    }

    public List<IntegrationRow> listLive() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_integration WHERE status <> 'DELETED' ORDER BY created_at, integration_id")
                .query(this::row).list();
    }

    public List<IntegrationRow> listEnabled() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_integration WHERE status = 'ENABLED'")
                .query(this::row).list();
    }

    public boolean isEnabled(String integrationId) {
        return jdbc.sql("SELECT count(*) FROM webhook_integration WHERE integration_id = :id AND status = 'ENABLED'")
                .param("id", integrationId).query(Long.class).single() > 0;
    }

    public Optional<IntegrationRow> findLive(String integrationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_integration WHERE integration_id = :id AND status <> 'DELETED'")
                .param("id", integrationId).query(this::row).optional();
    }

    private IntegrationRow row(ResultSet rs, int n) throws SQLException {
        String template = rs.getString("template");
        return new IntegrationRow(rs.getString("integration_id"), rs.getString("name"), rs.getString("endpoint_id"),
                rs.getString("endpoint_name"), template == null ? null : read(template),
                PayloadFormat.valueOf(rs.getString("format")), rs.getString("alias_filter"),
                IntegrationStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }

    private String write(EndpointConfig config) {
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize a template configuration", e);
        }
    }

    private EndpointConfig read(String template) {
        try {
            return json.readValue(template, EndpointConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read a stored template configuration", e);
        }
    }
}
