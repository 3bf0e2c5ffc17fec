package io.inferctl.command.webhook.web;

import io.inferctl.command.endpoint.EndpointRefusedException;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.endpoint.RefusalCode;
import io.inferctl.command.endpoint.web.ConfigDocumentParser;
import io.inferctl.command.endpoint.web.constraints.Comment;
import io.inferctl.command.web.CommandTimeoutException;
import io.inferctl.command.web.MutationRequest;
import io.inferctl.command.web.RequestRejectedException;
import io.inferctl.command.web.WebProperties;
import io.inferctl.command.webhook.CreateWebhookIntegrationCommand;
import io.inferctl.command.webhook.DeleteWebhookIntegrationCommand;
import io.inferctl.command.webhook.DisableWebhookIntegrationCommand;
import io.inferctl.command.webhook.IntegrationRefusedException;
import io.inferctl.command.webhook.IntegrationResult;
import io.inferctl.command.webhook.RotateWebhookSecretCommand;
import io.inferctl.command.webhook.WebhookProperties;
import io.inferctl.command.webhook.delivery.DeliveryLog;
import io.inferctl.command.webhook.delivery.SignatureFailureLimiter;
import io.inferctl.command.webhook.delivery.WebhookKeyring;
import io.inferctl.command.webhook.store.JdbcIntegrationDirectory;
import io.inferctl.command.webhook.store.JdbcIntegrationDirectory.IntegrationRow;
import io.inferctl.events.config.EndpointConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Admins manage the integrations through which model registries create versions. Each change is
 * one command on the integration's aggregate; afterwards this instance reloads its verification
 * keys at once, other instances within {@code key-refresh-interval}.
 */
@RestController
@RequestMapping("/v1/webhooks")
@Tag(name = "Webhook integrations")
public class WebhookIntegrationController {

    private static final String ENDPOINT_FIELD = "endpoint.";

    private final CommandGateway gateway;
    private final ConfigDocumentParser configs;
    private final JdbcIntegrationDirectory directory;
    private final JdbcClient jdbc;
    private final WebhookKeyring keyring;
    private final SignatureFailureLimiter limiter;
    private final DeliveryLog deliveries;
    private final WebhookProperties properties;
    private final Duration timeout;

    WebhookIntegrationController(CommandGateway gateway, ConfigDocumentParser configs, JdbcIntegrationDirectory directory,
                                 JdbcClient jdbc, WebhookKeyring keyring, SignatureFailureLimiter limiter,
                                 DeliveryLog deliveries, WebhookProperties properties, WebProperties web) {
        this.gateway = gateway;
        this.configs = configs;
        this.directory = directory;
        this.jdbc = jdbc;
        this.keyring = keyring;
        this.limiter = limiter;
        this.deliveries = deliveries;
        this.properties = properties;
        this.timeout = web.commandTimeout();
    }

    @PostMapping
    @Operation(summary = "Create a webhook integration; the answer shows its signing secret, once")
    public ResponseEntity<IntegrationView> create(MutationRequest request,
                                                  @Valid @RequestBody WebhookRequests.CreateIntegration body) {
        if ((body.endpointId() == null) == (body.endpoint() == null)) {
            throw RequestRejectedException.invalid(List.of(new FieldViolation("endpointId",
                    "give exactly one of endpointId (an existing endpoint) and endpoint (name and template of a new one)")));
        }
        String endpointId;
        String endpointName;
        EndpointConfig template = null;
        if (body.endpointId() != null) {
            endpointId = body.endpointId();
            endpointName = liveEndpointName(endpointId);
        } else {
            endpointId = UUID.randomUUID().toString();
            endpointName = body.endpoint().name();
            template = template(body.endpoint());
        }
        String alias = body.filter() == null ? null : body.filter().alias();
        IntegrationResult result = send(new CreateWebhookIntegrationCommand(UUID.randomUUID().toString(), body.name(),
                endpointId, endpointName, template, body.format(), alias, request.caller()));
        keyring.reload();
        return ResponseEntity.created(URI.create("/v1/webhooks/" + result.integrationId())).body(view(result));
    }

    @GetMapping
    @Operation(summary = "List the integrations (never their secrets)")
    public Map<String, List<IntegrationView>> list() {
        return Map.of("items", directory.listLive().stream().map(this::view).toList());
    }

    @PostMapping("/{integrationId}/rotate")
    @Operation(summary = "Issue a new signing secret; the previous one verifies for the configured overlap")
    public IntegrationView rotate(@PathVariable String integrationId, MutationRequest request) {
        IntegrationResult result = send(new RotateWebhookSecretCommand(integrationId(integrationId), request.caller()));
        keyring.reload();
        return view(result);
    }

    @PostMapping("/{integrationId}/disable")
    @Operation(summary = "Stop accepting deliveries")
    public IntegrationView disable(@PathVariable String integrationId, MutationRequest request,
                                   @Valid @RequestBody(required = false) WebhookRequests.Change body) {
        IntegrationResult result = send(new DisableWebhookIntegrationCommand(integrationId(integrationId),
                body == null ? null : body.comment(), request.caller()));
        keyring.reload();
        return view(result);
    }

    @DeleteMapping("/{integrationId}")
    @Operation(summary = "Delete the integration and destroy its secrets")
    public IntegrationView delete(@PathVariable String integrationId, MutationRequest request,
                                  @RequestParam(required = false) @Comment String comment) {
        IntegrationResult result = send(new DeleteWebhookIntegrationCommand(integrationId(integrationId), comment,
                request.caller()));
        keyring.reload();
        limiter.forget(integrationId);
        return view(result);
    }

    @GetMapping("/{integrationId}/deliveries")
    @Operation(summary = "The integration's deliveries, newest first: id, time, outcome, version created")
    public Map<String, List<DeliveryLog.Entry>> deliveries(@PathVariable String integrationId) {
        directory.findLive(integrationId(integrationId)).orElseThrow(() -> notFound(integrationId));
        return Map.of("items", deliveries.recent(integrationId, properties.deliveryLogPageSize()));
    }

    private EndpointConfig template(WebhookRequests.NewEndpoint endpoint) {
        try {
            return configs.parseFull(endpoint.config());
        } catch (RequestRejectedException e) {
            throw new RequestRejectedException(e.status(), e.code(), e.getMessage(), e.violations().stream()
                    .map(v -> new FieldViolation(ENDPOINT_FIELD + v.field(), v.reason())).toList());
        }
    }

    private String liveEndpointName(String endpointId) {
        return jdbc.sql("SELECT name FROM endpoint_name WHERE endpoint_id = :id").param("id", endpointId)
                .query(String.class).optional()
                .orElseThrow(() -> new EndpointRefusedException(RefusalCode.ENDPOINT_NOT_FOUND,
                        "No live endpoint with id " + endpointId + "."));
    }

    private IntegrationResult send(Object command) {
        try {
            return gateway.<IntegrationResult>send(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AggregateNotFoundException missing) {
                throw notFound(String.valueOf(missing.getAggregateIdentifier()));
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new CommandTimeoutException("The command did not complete within " + timeout.toMillis()
                    + " ms; it may still take effect. List the integrations to learn its outcome.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException("Interrupted while waiting for the command.");
        }
    }

    private static String integrationId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static IntegrationRefusedException notFound(String id) {
        return new IntegrationRefusedException(IntegrationRefusedException.Code.INTEGRATION_NOT_FOUND,
                "No webhook integration with id " + id + ".");
    }

    private String url(String integrationId) {
        String base = properties.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/webhooks/" + integrationId;
    }

    private IntegrationView view(IntegrationResult r) {
        return new IntegrationView(r.integrationId(), r.name(), url(r.integrationId()), r.endpointId(), r.endpointName(),
                r.format(), r.aliasFilter(), r.status(), r.secretVersion(), r.secret(), r.previousValidUntil(), null, null);
    }

    private IntegrationView view(IntegrationRow r) {
        return new IntegrationView(r.integrationId(), r.name(), url(r.integrationId()), r.endpointId(), r.endpointName(),
                r.format(), r.aliasFilter(), r.status(), null, null, null, r.createdBy(), r.createdAt());
    }
}
