package io.inferctl.events.command;

/**
 * Send a version in canary or baking back to 0% of traffic and undo it. Recorded as a
 * {@code RolloutCancellationRequested}: the worker restores traffic at once, removes the version and
 * reports it cancelled.
 */
public record AbortCanaryCommand(
        String endpointId,
        int version,
        String comment,
        Integer expectedVersion,
        String requestedBy) implements UserCommand {
}
