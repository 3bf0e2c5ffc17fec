package io.inferctl.worker.rollout;

import io.inferctl.events.config.EndpointConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a version runs, as one short token stored on its Deployment: two versions with the same
 * token run the same pods, so a later version may take a warm Deployment over instead of starting
 * an engine. The rollout policy is left out: it decides how a version reaches traffic, not what runs.
 */
public final class Workloads {

    private Workloads() {
    }

    public static String fingerprint(EndpointConfig config) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(config.workload().toString().getBytes(StandardCharsets.UTF_8));
            // 20 hex digits keep it a valid annotation value and collisions out of reach for one endpoint's versions.
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
