package io.inferctl.events.command;

/** Give a version in canary or baking all traffic now, skipping its remaining steps and bake time. */
public record PromoteCanaryCommand(
        String endpointId,
        int version,
        String comment,
        Integer expectedVersion,
        String requestedBy) implements UserCommand {
}
