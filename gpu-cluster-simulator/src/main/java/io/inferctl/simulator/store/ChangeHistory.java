package io.inferctl.simulator.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The last changes, so that a watch can resume from the resource version of an earlier list; older
 * ones are forgotten and a watch from before them is told 410 Gone. Used under the store's lock only.
 */
final class ChangeHistory {

    private final Deque<StoreEvent> events = new ArrayDeque<>();
    private final int limit;
    private long oldestReplayable;

    ChangeHistory(int limit) {
        this.limit = limit;
    }

    void add(StoreEvent event) {
        events.addLast(event);
        while (events.size() > limit) {
            oldestReplayable = events.removeFirst().resourceVersion();
        }
    }

    /** @throws ApiException 410 Gone when the history no longer reaches back to {@code from} */
    void replay(ResourceType type, long from, Consumer<StoreEvent> listener) {
        if (from < oldestReplayable) {
            throw ApiException.gone("too old resource version: " + from + " (" + oldestReplayable + ")");
        }
        for (StoreEvent event : events) {
            if (event.resourceVersion() > from && event.key().type().equals(type)) {
                listener.accept(event);
            }
        }
    }
}
