package io.inferctl.simulator.kubelet;

/**
 * Everything the simulated kubelet needs to know.
 *
 * @param phases           how long starting and stopping takes
 * @param crashLoopBackoff delay between restarts of a container that keeps exiting
 * @param imagePullBackoff delay between pulls of a missing image
 * @param images           which images do not exist
 */
public record KubeletSettings(PhaseDurations phases, Backoff crashLoopBackoff, Backoff imagePullBackoff,
        ImagePolicy images) {

    public static KubeletSettings defaults() {
        return new KubeletSettings(PhaseDurations.demo(), Backoff.kubeletDefaults(), Backoff.kubeletDefaults(),
                ImagePolicy.defaults());
    }

    public KubeletSettings withPhases(PhaseDurations newPhases) {
        return new KubeletSettings(newPhases, crashLoopBackoff, imagePullBackoff, images);
    }

    public KubeletSettings withBackoff(Backoff backoff) {
        return new KubeletSettings(phases, backoff, backoff, images);
    }

    public KubeletSettings withImages(ImagePolicy newImages) {
        return new KubeletSettings(phases, crashLoopBackoff, imagePullBackoff, newImages);
    }
}
