package io.inferctl.query.projection.rebuild;

import java.time.Instant;

/**
 * Where a rebuild stands.
 *
 * @param eventsRead     records read from the topic so far
 * @param eventsApplied  events applied to the new tables (duplicates and unreadable records are read, not applied)
 * @param partitions     partitions of the topic
 * @param partitionsDone partitions read up to the end offsets the rebuild aims for
 * @param error          why it failed, when {@code state} is {@code FAILED}
 */
public record RebuildProgress(
        State state,
        Instant startedAt,
        Instant finishedAt,
        long eventsRead,
        long eventsApplied,
        int partitions,
        int partitionsDone,
        String error) {

    public enum State {
        /** No rebuild since the service started. */
        IDLE,
        /** Replaying the topic into the new tables while the live projection and queries go on. */
        REPLAYING,
        /** The live projection is paused; reading the last events before the switch. */
        CATCHING_UP,
        /** Renaming the new tables over the live ones. */
        SWITCHING,
        COMPLETED,
        FAILED;

        public boolean running() {
            return this == REPLAYING || this == CATCHING_UP || this == SWITCHING;
        }
    }

    static RebuildProgress idle() {
        return new RebuildProgress(State.IDLE, null, null, 0, 0, 0, 0, null);
    }
}
