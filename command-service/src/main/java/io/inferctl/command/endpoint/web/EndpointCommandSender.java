package io.inferctl.command.endpoint.web;

import io.inferctl.command.dryrun.DryRunCompleted;
import io.inferctl.command.dryrun.DryRunInterceptor;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.endpoint.MutationResult;
import io.inferctl.command.idempotency.IdempotencyStore;
import io.inferctl.command.idempotency.IdempotentRequest;
import io.inferctl.command.relay.backpressure.CommandBackpressure;
import io.inferctl.command.web.CommandTimeoutException;
import io.inferctl.command.web.RequestRejectedException;
import io.inferctl.command.web.WebProperties;
import io.inferctl.events.command.WorkerReport;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one command and waits, bounded, for its result. With an Idempotency-Key, a request that was
 * answered before gets that answer again instead of taking effect twice; a request that lost a race
 * with its own retry (refused, or rolled back as a duplicate) also gets the winner's answer.
 */
@Component
public class EndpointCommandSender {

    /**
     * @param replayed whether this is a stored answer to an earlier request with the same key
     * @param dryRun   whether the command was run dry: decided, answered, and undone
     */
    public record Outcome(MutationResult result, boolean replayed, boolean dryRun) {
    }

    private final CommandGateway gateway;
    private final IdempotencyStore store;
    private final CommandBackpressure backpressure;
    private final Duration timeout;

    EndpointCommandSender(CommandGateway gateway, IdempotencyStore store, CommandBackpressure backpressure,
                          WebProperties properties) {
        this.gateway = gateway;
        this.store = store;
        this.backpressure = backpressure;
        this.timeout = properties.commandTimeout();
    }

    /** A dry run, which stores nothing, needs no idempotency: it is sent without a key and answered fresh. */
    Outcome dryRun(Object command) {
        try {
            gateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(DryRunInterceptor.marker()))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new IllegalStateException("A dry run of " + command.getClass().getSimpleName() + " was committed");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DryRunCompleted completed) {
                return new Outcome((MutationResult) completed.result(), false, true);
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new CommandTimeoutException("The dry run did not complete within " + timeout.toMillis()
                    + " ms; it changed nothing. Retry it.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException("Interrupted while waiting for the dry run; it changed nothing. Retry it.");
        }
    }

    /**
     * Runs the command first and looks for an earlier answer only when it fails. A repeated request
     * fails by itself, inside its own transaction, which then rolls back: its If-Match or name is
     * taken by the first, or its idempotency row collides with the first's (DuplicateRequestException).
     * So the common case, a new key, costs no lookup; only a retry pays for deciding twice.
     */
    public Outcome send(Object command, IdempotentRequest request) {
        if (!(command instanceof WorkerReport)) {
            backpressure.admit();
        }
        Object message = request == null
                ? command
                : GenericCommandMessage.asCommandMessage(command).andMetaData(request.toMetaData());
        try {
            MutationResult result = gateway.<MutationResult>send(message).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(result, false, false);
        } catch (ExecutionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                    ? runtime : new IllegalStateException(e.getCause());
            if (request != null) {
                Optional<Outcome> winner = earlierAnswer(request);
                if (winner.isPresent()) {
                    return winner.get();
                }
            }
            throw cause;
        } catch (TimeoutException e) {
            throw new CommandTimeoutException("The command did not complete within " + timeout.toMillis()
                    + " ms; it may still take effect. Retry with the same Idempotency-Key to learn its outcome safely.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeoutException("Interrupted while waiting for the command; retry with the same Idempotency-Key.");
        }
    }

    private Optional<Outcome> earlierAnswer(IdempotentRequest request) {
        return store.find(request.principal(), request.key()).map(answer -> {
            if (!answer.requestHash().equals(request.requestHash())) {
                throw new RequestRejectedException(HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED",
                        "Idempotency-Key reused", List.of(new FieldViolation("Idempotency-Key",
                        "was already used for a different request; use a new key for a new request")));
            }
            return new Outcome(answer.result(), true, false);
        });
    }
}
