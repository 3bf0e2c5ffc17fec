package io.inferctl.query.projection.kafka;

import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.query.projection.Projector;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.stream.StreamedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/** Finding, in a batch the database refuses, exactly the events it refuses, against the real database. */
class RefusedEventsTest extends QueryServiceTest {

    private static final Instant BEYOND_TIMESTAMPS = Instant.parse("+300000-01-01T00:00:00Z");

    @Autowired
    private Projector projector;

    @Test
    void everyRefusedEventOfABatchIsFoundAndNothingOfTheTrialsIsKept() {
        List<StreamedEvent> batch = new ArrayList<>();
        EndpointHistory fine = EndpointHistory.of("fine-before").created().served();
        StreamedEvent firstRefused = createdAt(EndpointHistory.of("refused-first"), BEYOND_TIMESTAMPS);
        EndpointHistory between = EndpointHistory.of("fine-between").created();
        StreamedEvent secondRefused = createdAt(EndpointHistory.of("refused-second"), BEYOND_TIMESTAMPS);
        EndpointHistory after = EndpointHistory.of("fine-after").created().served();
        batch.addAll(fine.events());
        batch.add(firstRefused);
        batch.addAll(between.events());
        batch.add(secondRefused);
        batch.addAll(after.events());
        RuntimeException failure = catchRuntimeException(() -> projector.trial(batch, ReadModelTables.LIVE, Map.of()));
        assertThat(RefusedEvents.isRefusal(failure)).as(String.valueOf(failure)).isTrue();

        Map<String, String> refused = RefusedEvents.find(projector, batch, ReadModelTables.LIVE, failure);

        assertThat(refused).containsOnlyKeys(firstRefused.eventId(), secondRefused.eventId());
        assertThat(refused.get(firstRefused.eventId())).startsWith("the read model's database refused it: ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ANY(?)", Integer.class,
                (Object) batch.stream().map(StreamedEvent::eventId).toArray(String[]::new))).isZero();
    }

    /** The endpoint's first version, created at the given time. */
    private static StreamedEvent createdAt(EndpointHistory history, Instant createdAt) {
        EndpointVersionCreated normal = (EndpointVersionCreated) history.created().events().get(0).event();
        StreamedEvent streamed = history.events().get(0);
        return new StreamedEvent(streamed.eventId(), streamed.endpointId(), 0, streamed.time(),
                new EndpointVersionCreated(normal.endpointId(), normal.name(), 0, normal.origin(), null, normal.config(),
                        normal.changes(), normal.createdBy(), createdAt, normal.comment(), null));
    }
}
