package io.inferctl.simulator.api.table;

import static io.inferctl.simulator.api.table.Printers.NONE;
import static io.inferctl.simulator.api.table.Printers.age;
import static io.inferctl.simulator.api.table.Printers.printer;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.api.table.Tables.Column;
import io.inferctl.simulator.api.table.Tables.Printer;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** kubectl's columns for the workloads: pods, Deployments, ReplicaSets and autoscalers. */
final class WorkloadPrinters {

    private WorkloadPrinters() {
    }

    static Printer pods() {
        return printer(List.of(Column.nameColumn(), Column.of("Ready", "The aggregate readiness state of this pod."),
                Column.of("Status", "The aggregate status of the containers in this pod."),
                Column.of("Restarts", "The number of times the containers in this pod have been restarted."),
                Column.age(), Column.wide("IP", "IP address allocated to the pod."),
                Column.wide("Node", "Name of the Node this pod is assigned to."),
                Column.wide("Nominated Node", "Name of the node where the pod is nominated."),
                Column.wide("Readiness Gates", "The readiness gates of this pod.")), WorkloadPrinters::pod);
    }

    static Printer deployments() {
        return printer(List.of(Column.nameColumn(), Column.of("Ready", "Number of the pod with ready state"),
                Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have "
                        + "the desired template spec."),
                Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds)"),
                Column.age(), Column.wide("Containers", "Names of each container in the template."),
                Column.wide("Images", "Images referenced by each container in the template."),
                Column.wide("Selector", "Label selector for pods.")), WorkloadPrinters::deployment);
    }

    static Printer replicaSets() {
        return printer(List.of(Column.nameColumn(), Column.integer("Desired", "Number of desired pods."),
                Column.integer("Current", "Number of actual replicas."),
                Column.integer("Ready", "The number of ready replicas."), Column.age(),
                Column.wide("Containers", "Names of each container in the template."),
                Column.wide("Images", "Images referenced by each container in the template."),
                Column.wide("Selector", "Label selector for pods.")), WorkloadPrinters::replicaSet);
    }

    static Printer horizontalPodAutoscalers() {
        return printer(List.of(Column.nameColumn(), Column.of("Reference", "The reference to the scaled resource."),
                Column.of("Targets", "The current and target metric values."),
                Column.of("MinPods", "The lower limit for the number of pods."),
                Column.integer("MaxPods", "The upper limit for the number of pods."),
                Column.integer("Replicas", "Current number of replicas."), Column.age()), WorkloadPrinters::hpa);
    }

    /** The STATUS column as kubectl computes it: the most telling container state wins over the phase. */
    static String podStatus(JsonNode pod) {
        JsonNode status = pod.path("status");
        String reason = status.path("phase").asText("Pending");
        if (status.hasNonNull("reason")) {
            reason = status.get("reason").asText();
        }
        boolean hasRunning = false;
        JsonNode containers = status.path("containerStatuses");
        for (int i = containers.size() - 1; i >= 0; i--) {
            JsonNode container = containers.get(i);
            JsonNode state = container.path("state");
            if (state.path("waiting").hasNonNull("reason")) {
                reason = state.path("waiting").path("reason").asText();
            } else if (state.path("terminated").hasNonNull("reason")) {
                reason = state.path("terminated").path("reason").asText();
            } else if (state.has("terminated")) {
                reason = "ExitCode:" + state.path("terminated").path("exitCode").asInt();
            } else if (container.path("ready").asBoolean(false) && state.has("running")) {
                hasRunning = true;
            }
        }
        if ("Completed".equals(reason) && hasRunning) {
            reason = Conditions.isTrue(status, "Ready") ? "Running" : "NotReady";
        }
        if (Meta.isBeingDeleted(pod)) {
            reason = "Terminating";
        }
        return reason;
    }

    private static List<Object> pod(JsonNode pod, Instant now) {
        JsonNode statuses = pod.path("status").path("containerStatuses");
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        int restarts = 0;
        Instant lastRestart = null;
        for (JsonNode container : statuses) {
            ready += container.path("ready").asBoolean(false) ? 1 : 0;
            restarts += container.path("restartCount").asInt(0);
            Instant finished = Json.parseTime(container.path("lastState").path("terminated").path("finishedAt")
                    .asText(null));
            if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
                lastRestart = finished;
            }
        }
        String restartCell = restarts > 0 && lastRestart != null
                ? restarts + " (" + HumanDuration.between(lastRestart, now) + " ago)"
                : Integer.toString(restarts);
        List<Object> cells = new ArrayList<>();
        cells.add(Meta.name(pod));
        cells.add(ready + "/" + total);
        cells.add(podStatus(pod));
        cells.add(restartCell);
        cells.add(age(pod, now));
        cells.add(pod.path("status").path("podIP").asText(NONE));
        cells.add(pod.path("spec").path("nodeName").asText(NONE));
        cells.add(NONE);
        cells.add(NONE);
        return cells;
    }

    private static List<Object> deployment(JsonNode deployment, Instant now) {
        JsonNode status = deployment.path("status");
        JsonNode template = deployment.path("spec").path("template");
        return List.of(Meta.name(deployment),
                status.path("readyReplicas").asInt(0) + "/" + deployment.path("spec").path("replicas").asInt(0),
                status.path("updatedReplicas").asInt(0), status.path("availableReplicas").asInt(0), age(deployment, now),
                containerNames(template), images(template), selector(deployment.path("spec").path("selector")));
    }

    private static List<Object> replicaSet(JsonNode rs, Instant now) {
        JsonNode template = rs.path("spec").path("template");
        return List.of(Meta.name(rs), rs.path("spec").path("replicas").asInt(0), rs.path("status").path("replicas").asInt(0),
                rs.path("status").path("readyReplicas").asInt(0), age(rs, now), containerNames(template), images(template),
                selector(rs.path("spec").path("selector")));
    }

    private static List<Object> hpa(JsonNode hpa, Instant now) {
        JsonNode spec = hpa.path("spec");
        JsonNode ref = spec.path("scaleTargetRef");
        List<String> targets = new ArrayList<>();
        for (JsonNode metric : spec.path("metrics")) {
            JsonNode target = metric.path("resource").path("target");
            String value = target.has("averageUtilization") ? target.path("averageUtilization").asInt() + "%"
                    : target.path("averageValue").asText(target.path("value").asText(""));
            targets.add(metric.path("resource").path("name").asText(metric.path("type").asText()) + ": <unknown>/" + value);
        }
        return List.of(Meta.name(hpa), ref.path("kind").asText() + "/" + ref.path("name").asText(),
                targets.isEmpty() ? "<unknown>" : String.join(", ", targets),
                Integer.toString(spec.path("minReplicas").asInt(1)), spec.path("maxReplicas").asInt(0),
                hpa.path("status").path("currentReplicas").asInt(0), age(hpa, now));
    }

    private static String containerNames(JsonNode template) {
        List<String> names = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        return String.join(",", names);
    }

    private static String images(JsonNode template) {
        List<String> images = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> images.add(c.path("image").asText()));
        return String.join(",", images);
    }

    private static String selector(JsonNode selector) {
        StringBuilder text = new StringBuilder();
        Json.stringMap(selector.path("matchLabels")).forEach((k, v) ->
                text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return text.length() == 0 ? NONE : text.toString();
    }
}
