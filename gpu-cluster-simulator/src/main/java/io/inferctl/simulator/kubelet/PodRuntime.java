package io.inferctl.simulator.kubelet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** What the simulated container runtime knows about one pod: where it is in its life and since when. */
final class PodRuntime {

    enum Stage { PULLING, IMAGE_PULL_BACKOFF, DOWNLOADING, STARTING_ENGINE, RUNNING, CRASH_BACKOFF, TERMINATING }

    final Instant createdAt;
    final String podIp;
    final String hostIp;
    /** Name of the container that runs the inference engine, or null when none does. */
    final String engineContainer;
    Stage stage;
    /** When the current stage ends by itself; null for stages that last (running). */
    Instant stageEndsAt;
    boolean imagesPulled;
    Instant containerStartedAt;
    private Instant firstStartedAt;
    int startCount;
    int restarts;
    int pullFailures;
    int lastExitCode;
    String lastMessage;
    Instant lastFinishedAt;
    String waitingMessage;

    PodRuntime(Instant createdAt, String podIp, String hostIp, String engineContainer) {
        this.createdAt = createdAt;
        this.podIp = podIp;
        this.hostIp = hostIp;
        this.engineContainer = engineContainer;
    }

    void enter(Stage next, Instant at, Instant endsAt) {
        if (next == Stage.RUNNING || next == Stage.DOWNLOADING) {
            firstStartedAt = firstStartedAt == null ? at : firstStartedAt;
        }
        stage = next;
        stageEndsAt = endsAt;
    }

    Instant firstStartedAt() {
        return firstStartedAt != null ? firstStartedAt : containerStartedAt;
    }

    String containerId(String podUid, String container, int start) {
        return "containerd://" + hex(podUid + "/" + container + "/" + start, 64);
    }

    static String hex(String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
