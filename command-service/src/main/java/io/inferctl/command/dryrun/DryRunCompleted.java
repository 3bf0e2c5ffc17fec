package io.inferctl.command.dryrun;

/**
 * The answer of a command run dry, carried out of its unit of work as an exception so the unit of
 * work rolls back. Not an error: it has no stack trace to fill and is never logged.
 */
public final class DryRunCompleted extends RuntimeException {

    private final transient Object result;

    DryRunCompleted(Object result) {
        super("dry run completed", null, false, false);
        this.result = result;
    }

    /** What the command would have answered. */
    public Object result() {
        return result;
    }
}
