package io.inferctl.command.webhook;

import java.time.Instant;

/**
 * Where signing secrets live: encrypted, beside the event store and outside every event.
 * Implementations take part in the transaction of the command being handled, so a secret exists
 * exactly when the event that announced it was stored.
 */
public interface SecretVault {

    /** Generates, stores (encrypted) and returns a new secret in its {@code whsec_} form. */
    String issue(String integrationId, int secretVersion);

    /** The secrets older than {@code secretVersion} stop verifying at {@code until}. */
    void retireBefore(String integrationId, int secretVersion, Instant until);

    /** Destroys every secret of the integration. */
    void destroy(String integrationId);
}
