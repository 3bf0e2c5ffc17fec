package io.inferctl.worker.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.stream.EventJson;
import io.inferctl.worker.rollout.UndoLog.Undo;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class UndoLogTest {

    private static final VersionRef V0 = new VersionRef("8d3c0f55-6a4e-4c0b-9d1e-2f6a7b8c9d0e", "llama-chat", 0);
    private static final VersionRef V1 = V0.withVersion(1);

    private final Cluster cluster = mock(Cluster.class);

    @Test
    void undosRunLatestFirstAndAStepRunAgainRegistersItsUndoOnce() {
        UndoLog undo = new UndoLog();
        undo.register(Undo.REMOVE_NEW_VERSION);
        undo.register(Undo.REMOVE_NEW_VERSION);
        undo.register(Undo.RESTORE_TRAFFIC);

        undo.runLatestFirst(cluster, V1, 0, null);

        InOrder order = inOrder(cluster);
        order.verify(cluster).routeTraffic(V0);
        order.verify(cluster, times(1)).removeVersion(V1);
        assertThat(undo.earliestFirst()).isEmpty();
    }

    @Test
    void anUndoTheClusterRefusesStaysRegisteredWithTheOnesBeforeIt() {
        UndoLog undo = new UndoLog();
        undo.register(Undo.REMOVE_NEW_VERSION);
        undo.register(Undo.RESTORE_TRAFFIC);
        doThrow(new ClusterFailure(FailureCode.CLUSTER_UNREACHABLE, "down", null)).when(cluster).removeVersion(V1);

        assertThatThrownBy(() -> undo.runLatestFirst(cluster, V1, null, null)).isInstanceOf(ClusterFailure.class);

        verify(cluster).removeService(V1);
        assertThat(undo.earliestFirst()).containsExactly(Undo.REMOVE_NEW_VERSION);
    }

    @Test
    void theLogIsStoredAsTheArrayOfUndosSagasStoredBeforeItStillRead() throws Exception {
        ObjectMapper json = EventJson.newMapper();
        UndoLog undo = new UndoLog();
        undo.register(Undo.REMOVE_NEW_VERSION);
        undo.register(Undo.RESTORE_TRAFFIC);

        String stored = json.writeValueAsString(undo);
        UndoLog read = json.readValue("[\"REMOVE_NEW_VERSION\",\"RESTORE_TRAFFIC\"]", UndoLog.class);

        assertThat(stored).isEqualTo("[\"REMOVE_NEW_VERSION\",\"RESTORE_TRAFFIC\"]");
        assertThat(read.earliestFirst()).containsExactly(Undo.REMOVE_NEW_VERSION, Undo.RESTORE_TRAFFIC);
    }
}
