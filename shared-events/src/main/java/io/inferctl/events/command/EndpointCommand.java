package io.inferctl.events.command;

/** A command addressed to one endpoint; its id routes the command to that endpoint's aggregate. */
public interface EndpointCommand {

    String endpointId();
}
