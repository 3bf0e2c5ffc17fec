package io.inferctl.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.Json;
import java.util.Locale;

/**
 * The patch formats a PATCH request names in its {@code Content-Type}, and the reading of its body:
 * JSON patch, merge patch and strategic merge patch here, server-side apply in {@link ResourceOperations}.
 */
final class PatchTypes {

    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String APPLY_PATCH = "application/apply-patch+yaml";

    private PatchTypes() {
    }

    /** The media type alone, lower case: parameters such as a charset do not change the format. */
    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    static JsonNode patchDocument(String mediaType, JsonNode target, JsonNode patch) {
        return switch (mediaType) {
            case JSON_PATCH -> Patches.jsonPatch(target, patch);
            case MERGE_PATCH -> Patches.mergePatch(target, patch);
            case STRATEGIC_MERGE_PATCH -> Patches.strategicMergePatch(target, patch);
            default -> throw new ApiException(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: " + JSON_PATCH + ", "
                            + MERGE_PATCH + ", " + APPLY_PATCH + ", " + STRATEGIC_MERGE_PATCH, null);
        };
    }

    static JsonNode parseJson(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON: " + e.getOriginalMessage());
        }
    }
}
