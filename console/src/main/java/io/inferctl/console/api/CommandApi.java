package io.inferctl.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return call(() -> client.patch().uri("/v1/endpoints/{id}", endpointId)
                .headers(h -> mutation(h, token, idempotencyKey, expectedVersion))
                .contentType(MERGE_PATCH).body(mergePatch)
                .retrieve().body(MutationAnswer.class));
    }

    public MutationAnswer rollBack(String token, String endpointId, int expectedVersion, String idempotencyKey,
                                   int targetVersion, String comment) {
        ObjectNode body = json.createObjectNode().put("targetVersion", targetVersion).put("comment", comment);
        return call(() -> client.post().uri("/v1/endpoints/{id}/rollback", endpointId)
                .headers(h -> mutation(h, token, idempotencyKey, expectedVersion))
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(MutationAnswer.class));
    }

    public MutationAnswer cancel(String token, String endpointId, int version, String idempotencyKey, String comment) {
        ObjectNode body = json.createObjectNode().put("comment", comment);
        return call(() -> client.post().uri("/v1/endpoints/{id}/versions/{n}/cancel", endpointId, version)
                .headers(h -> mutation(h, token, idempotencyKey, null))
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(MutationAnswer.class));
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
