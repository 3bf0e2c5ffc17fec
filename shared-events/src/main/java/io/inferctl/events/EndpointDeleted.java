package io.inferctl.events;

import java.time.Instant;

/** The endpoint is gone: its cluster objects are to be removed and it accepts no further change. */
@EventRevision("1")
public record EndpointDeleted(
        String endpointId,
        String name,
        String deletedBy,
        Instant deletedAt,
        String comment) implements EndpointEvent {
}
