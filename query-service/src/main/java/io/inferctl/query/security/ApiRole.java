package io.inferctl.query.security;

/**
 * What a token may do, with the same roles and tokens as the command API. {@code ADMIN > DEPLOYER >
 * VIEWER}; {@code WORKER} stands apart and reads nothing here.
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
