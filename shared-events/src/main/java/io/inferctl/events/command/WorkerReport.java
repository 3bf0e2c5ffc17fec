package io.inferctl.events.command;

/** A rollout worker reporting what happened to one version's rollout. */
public interface WorkerReport extends EndpointCommand {

    int version();

    String reportedBy();
}
