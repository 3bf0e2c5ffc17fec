package io.inferctl.console.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shapes the command and query APIs answer with, as far as the console reads them. */
public final class ApiViews {

    private ApiViews() {
    }

    public record Page<T>(List<T> items, String nextCursor) {
        public Page {
            items = items == null ? List.of() : items;
        }
    }

    /**
     * @param canaryPercent the new version's share of traffic while its phase is {@code CANARY}; null otherwise
     *                      (and from a query API that does not report it yet)
     */
    public record InProgress(int version, String status, String phase, Integer canaryPercent,
                             boolean cancellationRequested) {

        /** The phase as pages show it: {@code CANARY 10%} with the canary's weight. */
        public String phaseText() {
            return Phases.text(phase, canaryPercent);
        }

        public boolean canaryDecisionOpen() {
            return Phases.canaryDecisionOpen(phase);
        }
    }

    /** A superseded version kept running, so a rollback to its settings switches traffic at once. */
    public record Standby(Instant warmUntil, int replicas) {
    }

    public record Endpoint(String endpointId, String name, String status, Integer currentVersion,
                           Integer latestVersion, InProgress inProgress, long sequence,
                           Instant createdAt, Instant updatedAt, Instant deletedAt) {
    }

    public record Change(String field, JsonNode from, JsonNode to) {

        public String fromText() {
            return text(from);
        }

        public String toText() {
            return text(to);
        }

        private static String text(JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return "(not set)";
            }
            return value.isValueNode() ? value.asText() : value.toString();
        }
    }

    public record Failure(String category, String code, String message, String step) {
    }

    public record TimelineStep(String event, String status, String phase, Instant at, String by, String message) {
    }

    public record Version(String endpointId, int version, String status, String phase, String origin,
                          Integer rollbackOf, Integer basedOn, String createdBy, Instant createdAt, String comment,
                          JsonNode config, List<Change> changes, Failure failure,
                          boolean cancellationRequested, List<TimelineStep> timeline, Standby standby,
                          Integer canaryPercent) {
        public Version {
            changes = changes == null ? List.of() : changes;
            timeline = timeline == null ? List.of() : timeline;
        }

        /** Only a version that once served traffic is a rollback target. */
        public boolean onceServed() {
            return "CURRENT".equals(status) || "SUPERSEDED".equals(status);
        }

        public boolean inProgress() {
            return "PENDING".equals(status) || "ROLLING_OUT".equals(status);
        }

        /** Kept running after it was superseded: a rollback to its settings is instant. */
        public boolean warm() {
            return standby != null;
        }

        public String phaseText() {
            return Phases.text(phase, canaryPercent);
        }

        /** In a canary step or baking: a deployer may promote it to all traffic or abort it. */
        public boolean canaryDecisionOpen() {
            return "ROLLING_OUT".equals(status) && Phases.canaryDecisionOpen(phase);
        }
    }

    public record Diff(String endpointId, int from, int to, List<Change> changes) {
        public Diff {
            changes = changes == null ? List.of() : changes;
        }
    }

    /** A change's answer; with {@code dryRun}, what the command API would do, with nothing stored. */
    public record MutationAnswer(String endpointId, String name, int version, String status, long sequence,
                                 boolean changed, String origin, Integer rollbackOf, Integer basedOn,
                                 List<Change> changes, boolean dryRun) {
        public MutationAnswer {
            changes = changes == null ? List.of() : changes;
        }
    }

    /** The command API's catalog: what its forms may offer, and the defaults of settings left empty. */
    public record Catalog(List<String> acceleratorTypes, List<Integer> acceleratorCounts,
                          List<String> modelSourceSchemes, Map<String, Map<String, JsonNode>> defaults) {
        public Catalog {
            acceleratorTypes = acceleratorTypes == null ? List.of() : List.copyOf(acceleratorTypes);
            acceleratorCounts = acceleratorCounts == null ? List.of() : List.copyOf(acceleratorCounts);
            modelSourceSchemes = modelSourceSchemes == null ? List.of() : List.copyOf(modelSourceSchemes);
            defaults = defaults == null ? Map.of() : defaults;
        }

        /** Each default by its dotted setting path ({@code engine.maxBatchSize}), as a form shows it. */
        public Map<String, String> defaultsByPath() {
            Map<String, String> byPath = new LinkedHashMap<>();
            // A default of null (no canary steps) is no hint: the field is simply left empty.
            defaults.forEach((section, settings) -> settings.forEach((key, value) -> {
                if (value != null && !value.isNull()) {
                    byPath.put(section + "." + key, value.asText());
                }
            }));
            return byPath;
        }
    }

    public record AuditEntry(String id, Instant occurredAt, String actor, String action, String endpointId,
                             String endpointName, Integer version, List<String> changedFields,
                             String comment, String detail) {
    }
}
