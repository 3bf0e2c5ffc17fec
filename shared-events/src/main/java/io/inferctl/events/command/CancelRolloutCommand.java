package io.inferctl.events.command;

/** Ask the rollout worker to stop a version's rollout and undo what it created. */
public record CancelRolloutCommand(
        String endpointId,
        int version,
        String comment,
        Integer expectedVersion,
        String requestedBy) implements UserCommand {
}
