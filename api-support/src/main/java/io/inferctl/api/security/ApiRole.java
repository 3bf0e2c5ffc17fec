package io.inferctl.api.security;

/**
 * What a token may do, the same in every service. {@code ADMIN > DEPLOYER > VIEWER}; {@code WORKER}
 * stands apart: it may only report rollout progress, and reads and changes nothing.
 */
public enum ApiRole {
    VIEWER,
    DEPLOYER,
    ADMIN,
    WORKER;

    public String authority() {
        return "ROLE_" + name();
    }
}
