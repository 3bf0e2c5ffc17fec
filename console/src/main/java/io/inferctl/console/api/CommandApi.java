package io.inferctl.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.console.api.ApiViews.Catalog;
import io.inferctl.console.api.ApiViews.MutationAnswer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.util.function.Supplier;

/**
 * The command API, called with the signed-in person's own token so the API records them as the
 * creator. Every change carries the form's {@code Idempotency-Key} (a double submit is one change)
 * and, for an existing endpoint, {@code If-Match} with the version the page showed.
 */
public class CommandApi {

    static final String NAME = "The command API";
    private static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");
    private static final String UPDATE = "/v1/endpoints/{id}";
    private static final String ROLLBACK = "/v1/endpoints/{id}/rollback";
    private static final String DRY_RUN = "?dryRun=true";
    private static final String CANCEL = "/v1/endpoints/{id}/versions/{n}/cancel";
    private static final String PROMOTE = "/v1/endpoints/{id}/versions/{n}/canary/promote";
    private static final String ABORT = "/v1/endpoints/{id}/versions/{n}/canary/abort";

    private final RestClient client;
    private final ObjectMapper json;

    CommandApi(RestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public MutationAnswer create(String token, String idempotencyKey, ObjectNode body) {
        return call(() -> client.post().uri("/v1/endpoints")
                .headers(h -> mutation(h, token, idempotencyKey, null))
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(MutationAnswer.class));
    }

    public MutationAnswer update(String token, String endpointId, int expectedVersion, String idempotencyKey,
                                 ObjectNode mergePatch) {
        return patch(UPDATE, token, endpointId, expectedVersion, idempotencyKey, mergePatch);
    }

    /**
     * What {@link #update} would answer, or its refusal, with nothing stored ({@code ?dryRun=true}).
     * No Idempotency-Key: the form's key belongs to the change it will make, not to its preview.
     */
    public MutationAnswer previewUpdate(String token, String endpointId, int expectedVersion, ObjectNode mergePatch) {
        return patch(UPDATE + DRY_RUN, token, endpointId, expectedVersion, null, mergePatch);
    }

    public MutationAnswer rollBack(String token, String endpointId, int expectedVersion, String idempotencyKey,
                                   int targetVersion, String comment) {
        return rollBack(ROLLBACK, token, endpointId, expectedVersion, idempotencyKey, targetVersion, comment);
    }

    /** What {@link #rollBack} would answer, or its refusal, with nothing stored ({@code ?dryRun=true}). */
    public MutationAnswer previewRollBack(String token, String endpointId, int expectedVersion, int targetVersion) {
        return rollBack(ROLLBACK + DRY_RUN, token, endpointId, expectedVersion, null, targetVersion, null);
    }

    private MutationAnswer patch(String uri, String token, String endpointId, int expectedVersion,
                                 String idempotencyKey, ObjectNode mergePatch) {
        return call(() -> client.patch().uri(uri, endpointId)
                .headers(h -> mutation(h, token, idempotencyKey, expectedVersion))
                .contentType(MERGE_PATCH).body(mergePatch)
                .retrieve().body(MutationAnswer.class));
    }

    private MutationAnswer rollBack(String uri, String token, String endpointId, int expectedVersion,
                                    String idempotencyKey, int targetVersion, String comment) {
        ObjectNode body = json.createObjectNode().put("targetVersion", targetVersion).put("comment", comment);
        return call(() -> client.post().uri(uri, endpointId)
                .headers(h -> mutation(h, token, idempotencyKey, expectedVersion))
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(MutationAnswer.class));
    }

    public MutationAnswer cancel(String token, String endpointId, int version, String idempotencyKey, String comment) {
        return onRollout(CANCEL, token, endpointId, version, idempotencyKey, comment);
    }

    /** Skips a canary's remaining steps (and its bake time): the version gets all traffic now. */
    public MutationAnswer promoteCanary(String token, String endpointId, int version, String idempotencyKey,
                                       String comment) {
        return onRollout(PROMOTE, token, endpointId, version, idempotencyKey, comment);
    }

    /** Sends all traffic back to the serving version at once; the rollout then ends cancelled. */
    public MutationAnswer abortCanary(String token, String endpointId, int version, String idempotencyKey,
                                      String comment) {
        return onRollout(ABORT, token, endpointId, version, idempotencyKey, comment);
    }

    /** A decision on a version's rollout in progress: the comment is optional, the version is in the path. */
    private MutationAnswer onRollout(String uri, String token, String endpointId, int version, String idempotencyKey,
                                     String comment) {
        ObjectNode body = json.createObjectNode();
        if (comment != null) {
            body.put("comment", comment);
        }
        return call(() -> client.post().uri(uri, endpointId, version)
                .headers(h -> mutation(h, token, idempotencyKey, null))
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(MutationAnswer.class));
    }

    /** What the command API accepts: accelerator types and counts, model-source schemes, defaults. */
    public Catalog catalog(String token) {
        return call(() -> client.get().uri("/v1/catalog")
                .headers(h -> h.setBearerAuth(token))
                .retrieve().body(Catalog.class));
    }

    /**
     * Whether the token may change endpoints. The API has no "who am I"; an empty create is refused
     * with 403 before its body is read for a token without the role, and as bad input (creating
     * nothing) for one with it.
     */
    public boolean mayChange(String token) {
        try {
            call(() -> client.post().uri("/v1/endpoints")
                    .headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).body("{}")
                    .retrieve().toBodilessEntity());
            throw new IllegalStateException("The command API accepted an empty create");
        } catch (ApiRefusal refusal) {
            int status = refusal.problem().status();
            if (status == HttpStatus.UNAUTHORIZED.value()) {
                throw refusal;
            }
            return status != HttpStatus.FORBIDDEN.value();
        }
    }

    private static void mutation(HttpHeaders headers, String token, String idempotencyKey, Integer expectedVersion) {
        headers.setBearerAuth(token);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        if (expectedVersion != null) {
            headers.setIfMatch("\"" + expectedVersion + "\"");
        }
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException e) {
            throw new ApiUnreachable(NAME, e);
        }
    }
}
