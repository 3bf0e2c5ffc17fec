package io.inferctl.console.endpoint;

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

    /** The rollout's phases in the order the rollout worker reports them. */
    public static final List<String> PHASES =
            List.of("PREFLIGHT", "REQUESTING_GPUS", "DOWNLOADING_MODEL", "STARTING_ENGINE", "SWITCHING_TRAFFIC");

    public List<String> phases() {
        return PHASES;
    }

    /** 1-based step of the phase in progress, 0 before the first. */
    public int step() {
        if (inProgress == null || inProgress.phase() == null) {
            return 0;
        }
        return PHASES.indexOf(inProgress.phase()) + 1;
    }

    /**
     * A text that changes whenever anything on an endpoint's Overview does, from the endpoint alone:
     * every event of the endpoint moves its sequence, so a live read whose endpoint has the
     * fingerprint last sent needs neither its versions nor a render.
     */
    public static String fingerprintOf(Endpoint endpoint) {
        var moving = endpoint.inProgress();
        return endpoint.sequence() + "/" + (moving == null ? "-" : moving.status() + moving.phase());
    }
}
