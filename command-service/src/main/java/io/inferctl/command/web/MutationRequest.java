package io.inferctl.command.web;

/**
 * Who asks for a change and under which conditions, resolved from the request by
 * {@link MutationRequestResolver} before a controller runs.
 *
 * @param caller          the authenticated principal's name; a change is attributed to it, never to the body
 * @param ifMatch         the {@code If-Match} header as sent, or {@code null}; the idempotency fingerprint covers it
 * @param expectedVersion the version {@code If-Match} names, or {@code null} when absent or {@code *}
 * @param idempotencyKey  the {@code Idempotency-Key}, or {@code null} without one
 * @param method          the HTTP method, part of the idempotency fingerprint
 * @param path            the request path, part of the idempotency fingerprint
 */
public record MutationRequest(String caller, String ifMatch, Integer expectedVersion, String idempotencyKey,
                              String method, String path) {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
}
