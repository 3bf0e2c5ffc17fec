package io.inferctl.command.eventstore;

import io.inferctl.events.EventRevision;
import org.axonframework.serialization.RevisionResolver;

/**
 * Reads the contract's own {@link EventRevision}, so shared-events needs no Axon annotation and the
 * revision stored with each event is the one its JSON Schema and CloudEvents type name.
 */
public class EventRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventRevision revision = payloadType.getAnnotation(EventRevision.class);
        return revision == null ? null : revision.value();
    }
}
