package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import java.nio.charset.StandardCharsets;

/** Pod template identity, as the Deployment controller sees it. */
final class PodTemplates {

    static final String HASH_LABEL = "pod-template-hash";
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private PodTemplates() {
    }

    /**
     * A short, stable name suffix for a template: FNV-1a over its canonical JSON, spelt with the
     * consonant-and-digit alphabet Kubernetes uses so that suffixes never form words.
     */
    static String hash(JsonNode template) {
        int hash = FNV_OFFSET;
        for (byte b : Json.write(Json.canonical(withoutHash(template))).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        String digits = Long.toString(Integer.toUnsignedLong(hash));
        StringBuilder safe = new StringBuilder();
        for (char c : digits.toCharArray()) {
            safe.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
        }
        return safe.toString();
    }

    static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
        return Json.canonical(withoutHash(a)).equals(Json.canonical(withoutHash(b)));
    }

    private static JsonNode withoutHash(JsonNode template) {
        ObjectNode copy = template.deepCopy();
        JsonNode labels = copy.path("metadata").path("labels");
        if (labels instanceof ObjectNode l) {
            l.remove(HASH_LABEL);
            if (l.isEmpty()) {
                ((ObjectNode) copy.get("metadata")).remove("labels");
            }
        }
        if (copy.path("metadata").isEmpty()) {
            copy.remove("metadata");
        }
        return copy;
    }
}
