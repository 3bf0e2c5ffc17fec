package io.inferctl.console.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.console.api.ApiViews.Endpoint;
import io.inferctl.console.api.ApiViews.Version;

import java.util.List;

/**
 * What an endpoint's Overview shows, read in one go so the page and its live updates agree.
 *
 * @param current    the serving version, null before the first one served
 * @param inProgress the version rolling out, null when none is
 * @param latest     the newest version (it shows a failure or a cancellation once the rollout ended)
 */
public record Overview(Endpoint endpoint, Version current, Version inProgress, Version latest) {

    private static final String CANARY = "CANARY";
    private static final String BAKING = "BAKING";

    /** The rollout's phases in the order the rollout worker reports them. */
    public static final List<String> PHASES = List.of("PREFLIGHT", "REQUESTING_GPUS", "DOWNLOADING_MODEL",
            "STARTING_ENGINE", CANARY, "SWITCHING_TRAFFIC", BAKING);

    /**
     * The phases this rollout passes: a canary step only under the canary strategy, baking only with
     * a bake time (or when the worker says it is in one, whatever the policy the page read).
     */
    public List<String> phases() {
        if (inProgress == null) {
            return PHASES;
        }
        JsonNode rollout = inProgress.config() == null ? null : inProgress.config().path("rollout");
        boolean canary = CANARY.equals(inProgress.phase())
                || rollout != null && CANARY.equals(rollout.path("strategy").asText());
        boolean baking = BAKING.equals(inProgress.phase())
                || rollout != null && rollout.path("bakeSeconds").asInt() > 0;
        return PHASES.stream()
                .filter(phase -> !CANARY.equals(phase) || canary)
                .filter(phase -> !BAKING.equals(phase) || baking)
                .toList();
    }

    /** A phase as its step in the list reads: the canary step with its weight while it is the one in progress. */
    public String phaseLabel(String phase) {
        return inProgress != null && phase.equals(inProgress.phase()) ? inProgress.phaseText() : phase;
    }

    /** 1-based step of the phase in progress, 0 before the first. */
    public int step() {
        if (inProgress == null || inProgress.phase() == null) {
            return 0;
        }
        return phases().indexOf(inProgress.phase()) + 1;
    }

    /**
     * A text that changes whenever anything on an endpoint's Overview does, from the endpoint alone:
     * every event of the endpoint moves its sequence, so a live read whose endpoint has the
     * fingerprint last sent needs neither its versions nor a render.
     */
    public static String fingerprintOf(Endpoint endpoint) {
        var moving = endpoint.inProgress();
        return endpoint.sequence() + "/" + (moving == null ? "-" : moving.status() + moving.phase() + moving.canaryPercent());
    }
}
