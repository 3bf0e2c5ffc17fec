package io.inferctl.stream;

import io.inferctl.events.EndpointEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as it travels on the topic: the fact itself plus what a consumer needs to apply it
 * exactly once and in order.
 *
 * @param eventId    the stored event's id; the same on every redelivery, so consumers deduplicate on it
 * @param endpointId the stream (aggregate) the event belongs to: its endpoint, or for a webhook integration's
 *                   events the integration; also the record key
 * @param sequence   the event's position in its endpoint's history: 0, 1, 2, ... without gaps
 * @param time       when the event was stored
 * @param event      the event
 */
public record StreamedEvent(String eventId, String endpointId, long sequence, Instant time, EndpointEvent event) {

    public StreamedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
    }

    /** The event's simple name, e.g. {@code RolloutFailed}. */
    public String type() {
        return event.getClass().getSimpleName();
    }
}
