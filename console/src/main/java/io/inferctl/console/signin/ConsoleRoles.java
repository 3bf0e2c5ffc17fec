package io.inferctl.console.signin;

/** The console's authorities: every signed-in person reads; a deployer or admin also changes. */
public final class ConsoleRoles {

    public static final String VIEWER = "VIEWER";
    public static final String DEPLOYER = "DEPLOYER";

    private ConsoleRoles() {
    }
}
