package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One committed change. {@code object} is the state after the change (for DELETED, the last state);
 * {@code previous} the state before it, null for ADDED. Listeners must treat both as read-only.
 */
public record StoreEvent(Type type, ObjectKey key, ObjectNode object, ObjectNode previous, long resourceVersion) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
