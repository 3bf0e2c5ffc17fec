package io.inferctl.command.webhook.delivery;

import io.inferctl.command.endpoint.EndpointRefusedException;
import io.inferctl.command.endpoint.MutationResult;
import io.inferctl.command.endpoint.web.EndpointCommandSender;
import io.inferctl.command.idempotency.IdempotentRequest;
import io.inferctl.command.web.RequestRejectedException;
import io.inferctl.command.webhook.WebhookProperties;
import io.inferctl.command.webhook.crypto.StandardWebhookSignature;
import io.inferctl.command.web.RefusalProblems;
import io.inferctl.command.webhook.store.JdbcIntegrationDirectory;
import io.inferctl.command.webhook.store.JdbcIntegrationDirectory.IntegrationRow;
import io.inferctl.events.command.DeployArtifactCommand;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A signed delivery, from the door to the endpoint. The order is the point: the integration and
 * its keys come from memory, so an unknown integration or a wrong signature is refused before any
 * database access; only an authentic delivery reads the delivery log (a webhook-id seen before gets
 * its first answer again) and becomes one command. Concurrent copies of one webhook-id share one
 * idempotency key, so exactly one of them creates a version and the others get its answer.
 */
@Service
public class WebhookDeliveries {

    /** The answer and whether it is the stored answer to an earlier copy of the same webhook-id. */
    public record Delivered(HttpStatus status, DeliveryAnswer answer, boolean replayed) {
    }

    /** The Standard Webhooks headers of one delivery, as sent. */
    public record Signed(String id, String timestamp, String signature) {
    }

    static final String CREATOR_PREFIX = "webhook:";
    /** Visible ASCII, as for Idempotency-Key, since the webhook-id becomes one. */
    private static final Pattern WEBHOOK_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final WebhookKeyring keyring;
    private final JdbcIntegrationDirectory directory;
    private final StandardWebhookSignature signatures;
    private final SignatureFailureLimiter limiter;
    private final DeliveryLog log;
    private final ArtifactPayloads payloads;
    private final EndpointCommandSender sender;
    private final Clock clock;

    WebhookDeliveries(WebhookKeyring keyring, JdbcIntegrationDirectory directory, WebhookProperties properties, SignatureFailureLimiter limiter,
                      DeliveryLog log, ArtifactPayloads payloads, EndpointCommandSender sender, Clock clock) {
        this.keyring = keyring;
        this.directory = directory;
        this.signatures = new StandardWebhookSignature(properties.timestampTolerance());
        this.limiter = limiter;
        this.log = log;
        this.payloads = payloads;
        this.sender = sender;
        this.clock = clock;
    }

    public Delivered deliver(String integrationId, Signed signed, byte[] body) {
        WebhookKeyring.Entry entry = keyring.find(integrationId).orElseThrow(DeliveryRefusedException::notFound);
        Instant now = clock.instant();
        Optional<String> refusal = signatures.refusal(signed.id(), signed.timestamp(), signed.signature(), body,
                entry.keysAt(now), now);
        if (refusal.isPresent()) {
            limiter.failed(integrationId).ifPresent(wait -> {
                throw DeliveryRefusedException.tooManyFailures(wait);
            });
            throw DeliveryRefusedException.unauthenticated(refusal.get());
        }
        if (!WEBHOOK_ID.matcher(signed.id()).matches()) {
            throw DeliveryRefusedException.malformed("webhook-id", "must be 1 to 200 visible ASCII characters");
        }
        if (!directory.isEnabled(integrationId)) {
            // Disabled or deleted on another instance since this one last reloaded its keys.
            throw DeliveryRefusedException.notFound();
        }
        String hash = sha256(body);
        Optional<DeliveryLog.Entry> earlier = log.find(integrationId, signed.id());
        if (earlier.isPresent() && !earlier.get().requestHash().equals(hash)) {
            throw DeliveryRefusedException.webhookIdReused();
        }
        if (earlier.isPresent() && earlier.get().outcome().isFinal()) {
            return new Delivered(HttpStatus.valueOf(earlier.get().status()), earlier.get().answer(), true);
        }
        try {
            return accept(entry.integration(), signed.id(), hash, body, now);
        } catch (ConcurrencyException e) {
            // Lost the race for the endpoint's next sequence number to another instance's command.
            DeliveryRefusedException conflict = DeliveryRefusedException.concurrentChange();
            refused(entry.integration(), signed.id(), hash, conflict.status(), conflict.code(), conflict.getMessage(), now);
            throw conflict;
        } catch (EndpointRefusedException e) {
            refused(entry.integration(), signed.id(), hash, RefusalProblems.status(e.code()), e.code().name(),
                    e.getMessage(), now);
            throw e;
        } catch (DeliveryRefusedException e) {
            refused(entry.integration(), signed.id(), hash, e.status(), e.code(), e.getMessage(), now);
            throw e;
        } catch (RequestRejectedException e) {
            refused(entry.integration(), signed.id(), hash, e.status(), e.code(), e.getMessage(), now);
            throw e;
        }
    }

    private Delivered accept(IntegrationRow integration, String webhookId, String hash, byte[] body, Instant now) {
        Artifact artifact = payloads.read(integration.format(), integration.aliasFilter(), body);
        if (artifact.ignored() != null) {
            var answer = new DeliveryAnswer(webhookId, DeliveryOutcome.IGNORED, integration.endpointId(), null, null,
                    null, artifact.source(), "ignored: " + artifact.ignored());
            return recorded(integration.integrationId(), hash, HttpStatus.OK, answer, now);
        }
        String named = artifact.source() + (artifact.revision() == null ? "" : " @ " + artifact.revision());
        var command = new DeployArtifactCommand(integration.endpointId(), integration.endpointName(),
                integration.template(), artifact.source(), artifact.revision(),
                "webhook delivery " + webhookId + ": " + named, CREATOR_PREFIX + integration.name());
        // The integration's id, not its name, scopes the key: a name can be reused after a delete.
        var request = new IdempotentRequest(CREATOR_PREFIX + integration.integrationId(), webhookId, hash);
        MutationResult result = sender.send(command, request).result();
        DeliveryOutcome outcome = switch (result.kind()) {
            case CREATED -> DeliveryOutcome.ENDPOINT_CREATED;
            case VERSION_CREATED -> DeliveryOutcome.VERSION_CREATED;
            default -> DeliveryOutcome.NO_CHANGE;
        };
        HttpStatus status = switch (outcome) {
            case ENDPOINT_CREATED -> HttpStatus.CREATED;
            case VERSION_CREATED -> HttpStatus.ACCEPTED;
            default -> HttpStatus.OK;
        };
        String detail = outcome == DeliveryOutcome.NO_CHANGE
                ? "no change: version " + result.version() + " already serves " + named
                : "version " + result.version() + " deploys " + named;
        var answer = new DeliveryAnswer(webhookId, outcome, result.endpointId(), result.version(), result.status(),
                result.sequence(), artifact.source(), detail);
        return recorded(integration.integrationId(), hash, status, answer, now);
    }

    private Delivered recorded(String integrationId, String hash, HttpStatus status, DeliveryAnswer answer, Instant now) {
        log.record(integrationId, hash, status.value(), answer, now);
        // A racing copy may have recorded first; everyone answers with what the log holds.
        return log.find(integrationId, answer.webhookId())
                .filter(entry -> entry.outcome().isFinal())
                .map(entry -> new Delivered(HttpStatus.valueOf(entry.status()), entry.answer(), false))
                .orElse(new Delivered(status, answer, false));
    }

    private void refused(IntegrationRow integration, String webhookId, String hash, HttpStatus status, String code,
                         String message, Instant now) {
        var answer = new DeliveryAnswer(webhookId, DeliveryOutcome.REFUSED, integration.endpointId(), null, null, null,
                null, code + ": " + message);
        log.record(integration.integrationId(), hash, status.value(), answer, now);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
