package io.inferctl.command.webhook;

import io.inferctl.events.WebhookIntegrationCreated;
import io.inferctl.events.WebhookIntegrationDeleted;
import io.inferctl.events.WebhookIntegrationDisabled;
import io.inferctl.events.WebhookSecretRotated;
import io.inferctl.events.webhook.PayloadFormat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A model registry's door into one endpoint. It decides who may change its secret and state; the
 * secret itself never enters its events, only the {@link SecretVault} sees it.
 */
@Aggregate(commandTargetResolver = "webhookCommandTargetResolver")
public class WebhookIntegration {

    @AggregateIdentifier
    private String integrationId;
    private String name;
    private String endpointId;
    private String endpointName;
    private PayloadFormat format;
    private String aliasFilter;
    private IntegrationStatus status;
    private int secretVersion;

    protected WebhookIntegration() {
        // Axon rebuilds the aggregate from its events through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public IntegrationResult handle(CreateWebhookIntegrationCommand command, IntegrationDirectory directory,
                                    SecretVault vault, Clock clock) {
        var created = new WebhookIntegrationCreated(command.integrationId(), command.name(), command.endpointId(),
                command.endpointName(), command.template(), command.format(), command.aliasFilter(), 1,
                command.requestedBy(), clock.instant());
        if (!directory.register(created)) {
            throw new IntegrationRefusedException(IntegrationRefusedException.Code.INTEGRATION_NAME_TAKEN,
                    "A webhook integration named '" + command.name() + "' already exists.");
        }
        apply(created);
        return result(vault.issue(integrationId, secretVersion), null);
    }

    @CommandHandler
    public IntegrationResult handle(RotateWebhookSecretCommand command, SecretVault vault, WebhookProperties properties,
                                    Clock clock) {
        requireEnabled();
        Instant now = clock.instant();
        Instant previousValidUntil = now.plus(properties.rotationOverlap());
        apply(new WebhookSecretRotated(integrationId, endpointId, endpointName, secretVersion + 1, previousValidUntil,
                command.requestedBy(), now));
        vault.retireBefore(integrationId, secretVersion, previousValidUntil);
        return result(vault.issue(integrationId, secretVersion), previousValidUntil);
    }

    @CommandHandler
    public IntegrationResult handle(DisableWebhookIntegrationCommand command, IntegrationDirectory directory,
                                    Clock clock) {
        requireLive();
        if (status == IntegrationStatus.ENABLED) {
            apply(new WebhookIntegrationDisabled(integrationId, endpointId, endpointName, command.requestedBy(), clock.instant(),
                    command.comment()));
            directory.changeStatus(integrationId, status);
        }
        return result(null, null);
    }

    @CommandHandler
    public IntegrationResult handle(DeleteWebhookIntegrationCommand command, IntegrationDirectory directory,
                                    SecretVault vault, Clock clock) {
        requireLive();
        apply(new WebhookIntegrationDeleted(integrationId, endpointId, endpointName, command.requestedBy(), clock.instant(),
                command.comment()));
        directory.changeStatus(integrationId, status);
        vault.destroy(integrationId);
        return result(null, null);
    }

    private void requireLive() {
        if (status == IntegrationStatus.DELETED) {
            throw new IntegrationRefusedException(IntegrationRefusedException.Code.INTEGRATION_NOT_FOUND,
                    "No webhook integration with id " + integrationId + ".");
        }
    }

    private void requireEnabled() {
        requireLive();
        if (status == IntegrationStatus.DISABLED) {
            throw new IntegrationRefusedException(IntegrationRefusedException.Code.INTEGRATION_DISABLED,
                    "Webhook integration " + integrationId + " is disabled; create a new one.");
        }
    }

    private IntegrationResult result(String secret, Instant previousValidUntil) {
        return new IntegrationResult(integrationId, name, endpointId, endpointName, format, aliasFilter, status,
                secretVersion, secret, previousValidUntil);
    }

    @EventSourcingHandler
    void on(WebhookIntegrationCreated event) {
        integrationId = event.integrationId();
        name = event.name();
        endpointId = event.endpointId();
        endpointName = event.endpointName();
        format = event.format();
        aliasFilter = event.aliasFilter();
        status = IntegrationStatus.ENABLED;
        secretVersion = event.secretVersion();
    }

    @EventSourcingHandler
    void on(WebhookSecretRotated event) {
        secretVersion = event.secretVersion();
    }

    @EventSourcingHandler
    void on(WebhookIntegrationDisabled event) {
        status = IntegrationStatus.DISABLED;
    }

    @EventSourcingHandler
    void on(WebhookIntegrationDeleted event) {
        status = IntegrationStatus.DELETED;
    }
}
