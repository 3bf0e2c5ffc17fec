package io.inferctl.command.eventstore;

import io.inferctl.events.EventRevision;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.RevisionResolver;

/**
 * Reads the contract's own {@link EventRevision}, so shared-events needs no Axon annotation and the
 * revision stored with each event is the one its JSON Schema and CloudEvents type name. Anything
 * else stored (an aggregate snapshot) carries Axon's {@link Revision}: Axon skips a snapshot whose
 * stored revision differs from its aggregate's, and rebuilds that aggregate from its events.
 */
public class EventRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventRevision revision = payloadType.getAnnotation(EventRevision.class);
        if (revision != null) {
            return revision.value();
        }
        Revision axonRevision = payloadType.getAnnotation(Revision.class);
        return axonRevision == null ? null : axonRevision.value();
    }
}
