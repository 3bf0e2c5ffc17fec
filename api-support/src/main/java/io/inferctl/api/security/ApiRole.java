package io.inferctl.command.security;

/**
 * What a token may do. {@code ADMIN > DEPLOYER > VIEWER}; {@code WORKER} stands apart: it may only
 * report rollout progress and may not change endpoints.
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
