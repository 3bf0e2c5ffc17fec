package io.inferctl.command.idempotency;

import org.axonframework.messaging.MetaData;

import java.util.Map;
import java.util.Optional;

/**
 * A request sent with an {@code Idempotency-Key}. It travels with the command as metadata so that
 * the first answer is recorded in the transaction that appends the command's events.
 *
 * @param principal   keys are per caller: two callers may use the same key independently
 * @param requestHash fingerprint of what was asked; the same key with another request is refused
 */
public record IdempotentRequest(String principal, String key, String requestHash) {

    private static final String PRINCIPAL = "idempotency.principal";
    private static final String KEY = "idempotency.key";
    private static final String HASH = "idempotency.requestHash";

    public MetaData toMetaData() {
        return MetaData.from(Map.of(PRINCIPAL, principal, KEY, key, HASH, requestHash));
    }

    public static Optional<IdempotentRequest> fromMetaData(MetaData metaData) {
        Object key = metaData.get(KEY);
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(new IdempotentRequest((String) metaData.get(PRINCIPAL), (String) key, (String) metaData.get(HASH)));
    }
}
