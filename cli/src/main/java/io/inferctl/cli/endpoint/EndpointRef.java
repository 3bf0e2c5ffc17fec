package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.api.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An endpoint named on the command line by its name or its id. The query API lists endpoints but
 * has no lookup by name, so a name is found by reading the list; a deleted endpoint's name is free
 * again, so only a live endpoint answers to it.
 */
public final class EndpointRef {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int PAGE = 100;
    private static final String DELETED = "DELETED";

    private EndpointRef() {
    }

    /** The endpoint's view in the query API; refused as 404 ENDPOINT_NOT_FOUND when there is none. */
    public static JsonNode resolve(ApiClient client, String nameOrId) {
        return find(client, nameOrId).orElseThrow(() -> new ApiException(404, "ENDPOINT_NOT_FOUND",
                "no endpoint '" + nameOrId + "'; inferctl endpoints list shows them", null));
    }

    public static Optional<JsonNode> find(ApiClient client, String nameOrId) {
        if (UUID.matcher(nameOrId).matches()) {
            try {
                return Optional.of(client.query("/v1/endpoints/" + nameOrId, Map.of()));
            } catch (ApiException e) {
                if (e.status() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        }
        String cursor = null;
        do {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("limit", PAGE);
            parameters.put("cursor", cursor);
            JsonNode page = client.query("/v1/endpoints", parameters);
            for (JsonNode endpoint : page.path("items")) {
                if (nameOrId.equals(endpoint.path("name").asText()) && !DELETED.equals(endpoint.path("status").asText())) {
                    return Optional.of(endpoint);
                }
            }
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        return Optional.empty();
    }

    public static String id(JsonNode endpoint) {
        return endpoint.path("endpointId").asText();
    }

    /**
     * The version a rollout command is about: the one rolling out, else the latest. The read model
     * may not show a rollout that just started; then the latest version is that one, and the
     * command API, which knows, refuses a cancel if it is not in progress.
     */
    public static int rolloutVersion(JsonNode endpoint) {
        JsonNode inProgress = endpoint.path("inProgress");
        return inProgress.isObject() ? inProgress.path("version").asInt() : endpoint.path("latestVersion").asInt();
    }
}
