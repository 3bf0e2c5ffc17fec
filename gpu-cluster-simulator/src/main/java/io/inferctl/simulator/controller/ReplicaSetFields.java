package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.Json;

/** A ReplicaSet's counts and revision as the Deployment controller reads them: a missing value is zero. */
final class ReplicaSetFields {

    static final String REVISION = "deployment.kubernetes.io/revision";

    private ReplicaSetFields() {
    }

    static int replicas(JsonNode rs) {
        return rs.path("spec").path("replicas").asInt(0);
    }

    static int available(JsonNode rs) {
        return rs == null ? 0 : rs.path("status").path("availableReplicas").asInt(0);
    }

    static long revision(JsonNode rs) {
        String text = Json.text(rs, "metadata", "annotations", REVISION);
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
