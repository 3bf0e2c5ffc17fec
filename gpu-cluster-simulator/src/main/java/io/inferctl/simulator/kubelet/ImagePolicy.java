package io.inferctl.simulator.kubelet;

import java.util.Set;

/**
 * Which images the simulated registry does not have. An image is missing when it is listed (exactly,
 * or by a prefix ending in {@code *}), or when its registry host ends in {@code .invalid}, a domain
 * reserved never to exist.
 */
public record ImagePolicy(Set<String> missingImages) {

    private static final String NEVER_EXISTING_DOMAIN = ".invalid";

    public ImagePolicy {
        missingImages = Set.copyOf(missingImages);
    }

    public static ImagePolicy defaults() {
        return new ImagePolicy(Set.of());
    }

    public boolean isMissing(String image) {
        int slash = image.indexOf('/');
        if (slash > 0) {
            String host = image.substring(0, slash);
            String hostWithoutPort = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
            if (hostWithoutPort.endsWith(NEVER_EXISTING_DOMAIN)) {
                return true;
            }
        }
        for (String missing : missingImages) {
            boolean prefix = missing.endsWith("*") && image.startsWith(missing.substring(0, missing.length() - 1));
            if (prefix || missing.equals(image)) {
                return true;
            }
        }
        return false;
    }
}
