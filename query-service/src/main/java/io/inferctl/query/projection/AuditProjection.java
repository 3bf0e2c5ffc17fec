package io.inferctl.query.projection;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.WebhookIntegrationCreated;
import io.inferctl.events.WebhookIntegrationDeleted;
import io.inferctl.events.WebhookIntegrationDisabled;
import io.inferctl.events.WebhookIntegrationEvent;
import io.inferctl.events.WebhookSecretRotated;
import io.inferctl.events.config.FieldChange;
import io.inferctl.query.projection.model.AuditAction;
import io.inferctl.query.projection.model.AuditEntryRow;
import io.inferctl.stream.StreamedEvent;

import java.time.Instant;
import java.util.List;

/**
 * The audit log: one entry per accepted command (a new version, a cancellation request or a canary's
 * abort, a canary's promotion, a delete,
 * a webhook integration's creation, rotation, disabling and deletion) and per rollout outcome.
 * Rollout starts and phases are progress, not decisions, so they stay in the version's timeline only.
 */
final class AuditProjection {

    void on(StreamedEvent streamed, ProjectionBatch batch) {
        if (streamed.event() instanceof WebhookIntegrationEvent integration) {
            onIntegration(streamed, integration, batch);
            return;
        }
        EndpointEvent event = streamed.event();
        String id = event.endpointId();
        String name = batch.endpoint(id).name();
        if (event instanceof EndpointVersionCreated created) {
            List<String> fields = created.changes() == null ? List.of()
                    : created.changes().stream().map(FieldChange::field).toList();
            String detail = created.rollbackOf() == null ? null : "settings of v" + created.rollbackOf();
            add(batch, streamed, created.createdAt(), created.createdBy(), action(created), name, created.version(),
                    fields, created.comment(), detail);
        } else if (event instanceof RolloutSucceeded succeeded) {
            String detail = succeeded.supersededVersion() == null ? null
                    : "supersedes v" + succeeded.supersededVersion();
            add(batch, streamed, succeeded.succeededAt(), succeeded.reportedBy(), AuditAction.ROLLOUT_SUCCEEDED, name,
                    succeeded.version(), List.of(), null, detail);
        } else if (event instanceof RolloutFailed failed) {
            String detail = failed.category() + "/" + failed.code() + (failed.step() == null ? "" : " at " + failed.step())
                    + ": " + failed.message();
            add(batch, streamed, failed.failedAt(), failed.reportedBy(), AuditAction.ROLLOUT_FAILED, name,
                    failed.version(), List.of(), null, detail);
        } else if (event instanceof RolloutCancellationRequested requested) {
            add(batch, streamed, requested.requestedAt(), requested.requestedBy(), AuditAction.CANCEL, name,
                    requested.version(), List.of(), requested.comment(), null);
        } else if (event instanceof CanaryPromotionRequested promotion) {
            add(batch, streamed, promotion.requestedAt(), promotion.requestedBy(), AuditAction.PROMOTE_CANARY, name,
                    promotion.version(), List.of(), promotion.comment(), null);
        } else if (event instanceof RolloutCancelled cancelled) {
            add(batch, streamed, cancelled.cancelledAt(), cancelled.reportedBy(), AuditAction.ROLLOUT_CANCELLED, name,
                    cancelled.version(), List.of(), null, "requested by " + cancelled.requestedBy());
        } else if (event instanceof EndpointDeleted deleted) {
            add(batch, streamed, deleted.deletedAt(), deleted.deletedBy(), AuditAction.DELETE, name, null, List.of(),
                    deleted.comment(), null);
        }
    }

    /** Filed under the endpoint the integration drives, so an endpoint's audit shows who may change it. */
    private static void onIntegration(StreamedEvent streamed, WebhookIntegrationEvent event, ProjectionBatch batch) {
        if (event instanceof WebhookIntegrationCreated created) {
            String detail = "integration " + created.name() + " (" + created.integrationId() + "), " + created.format()
                    + (created.aliasFilter() == null ? "" : ", alias " + created.aliasFilter())
                    + (created.template() == null ? "" : ", creates the endpoint on its first delivery");
            addFor(batch, streamed, event, created.createdAt(), created.createdBy(),
                    AuditAction.WEBHOOK_INTEGRATION_CREATED, null, detail);
        } else if (event instanceof WebhookSecretRotated rotated) {
            addFor(batch, streamed, event, rotated.rotatedAt(), rotated.rotatedBy(), AuditAction.WEBHOOK_SECRET_ROTATED,
                    null, "integration " + rotated.integrationId() + ": secret v" + rotated.secretVersion()
                            + ", the previous one verifies until " + rotated.previousValidUntil());
        } else if (event instanceof WebhookIntegrationDisabled disabled) {
            addFor(batch, streamed, event, disabled.disabledAt(), disabled.disabledBy(),
                    AuditAction.WEBHOOK_INTEGRATION_DISABLED, disabled.comment(),
                    "integration " + disabled.integrationId());
        } else if (event instanceof WebhookIntegrationDeleted deleted) {
            addFor(batch, streamed, event, deleted.deletedAt(), deleted.deletedBy(),
                    AuditAction.WEBHOOK_INTEGRATION_DELETED, deleted.comment(),
                    "integration " + deleted.integrationId());
        }
    }

    private static void addFor(ProjectionBatch batch, StreamedEvent streamed, WebhookIntegrationEvent event, Instant at,
                               String actor, AuditAction action, String comment, String detail) {
        batch.addAuditEntry(new AuditEntryRow(streamed.eventId(), at != null ? at : streamed.time(), actor, action,
                event.endpointId(), event.endpointName(), null, List.of(), comment, detail));
    }

    private static AuditAction action(EndpointVersionCreated created) {
        return switch (created.origin()) {
            case CREATE -> AuditAction.CREATE;
            case UPDATE -> AuditAction.UPDATE;
            case ROLLBACK -> AuditAction.ROLLBACK;
            case WEBHOOK -> AuditAction.WEBHOOK;
        };
    }

    private static void add(ProjectionBatch batch, StreamedEvent streamed, Instant at, String actor, AuditAction action,
                            String name, Integer version, List<String> fields, String comment, String detail) {
        batch.addAuditEntry(new AuditEntryRow(streamed.eventId(), at != null ? at : streamed.time(), actor, action,
                streamed.endpointId(), name, version, fields, comment, detail));
    }
}
