package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Questions controllers ask about pods. */
public final class Pods {

    private Pods() {
    }

    public static boolean isReady(JsonNode pod) {
        return Conditions.isTrue(pod.path("status"), "Ready");
    }

    /** When the pod last became ready, or null when it is not ready. */
    public static Instant readySince(JsonNode pod) {
        return Conditions.find(pod.path("status"), "Ready")
                .filter(c -> "True".equals(c.path("status").asText()))
                .map(c -> Json.parseTime(c.path("lastTransitionTime").asText(null)))
                .orElse(null);
    }

    /** Counts toward a ReplicaSet's replicas: neither being deleted nor finished. */
    public static boolean isActive(JsonNode pod) {
        return !Meta.isBeingDeleted(pod) && !Deletion.isTerminal(pod);
    }

    public static int restarts(JsonNode pod) {
        int restarts = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            restarts += status.path("restartCount").asInt(0);
        }
        return restarts;
    }
}
