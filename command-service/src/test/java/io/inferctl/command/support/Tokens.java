package io.inferctl.command.support;

/** The API tokens of command-service-test.yml. */
public final class Tokens {

    public static final String ADMIN = "test-admin-token";
    public static final String ALICE = "test-deployer-token";
    public static final String BOB = "test-deployer-bob-token";
    public static final String VIEWER = "test-viewer-token";
    public static final String WORKER = "test-worker-token";

    private Tokens() {
    }
}
