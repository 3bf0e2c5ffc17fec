package io.inferctl.worker.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.stream.EventJson;
import io.inferctl.worker.eventstore.EventStoreConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.annotation.NoMoreInterceptors;
import org.axonframework.modelling.saga.AnnotatedSaga;
import org.axonframework.modelling.saga.metamodel.AnnotationSagaMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import static io.inferctl.worker.rollout.SagaExamples.PROPERTIES;
import static io.inferctl.worker.rollout.SagaExamples.V0;
import static io.inferctl.worker.rollout.SagaExamples.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

/**
 * Sagas in flight when the worker is upgraded are read by the new code: the stored JSON is a sample
 * of a saga stored mid-compensation by the code before the saga was split into one job per file.
 */
class StoredRolloutSagaTest {

    private static final String STORED = "/sagas/rollout-saga-compensating.json";

    private final ObjectMapper json = EventJson.newMapper();
    /** The serializer the saga store reads and writes sagas with. */
    private final Serializer sagas = EventStoreConfiguration.newSerializer();

    @Test
    void aSagaIsStoredInTheShapeItWasStoredInBefore() throws IOException {
        JsonNode stored = json.readTree(sample());

        byte[] written = sagas.serialize(load(), byte[].class).getData();

        // The snapshot gained its rollout policy since; a stored one reads (and is written again) with the default.
        JsonNode writtenTree = json.readTree(written);
        JsonNode policy = ((com.fasterxml.jackson.databind.node.ObjectNode) writtenTree.get("config")).remove("rollout");
        assertThat(writtenTree).isEqualTo(stored);
        assertThat(json.treeToValue(policy, io.inferctl.events.config.RolloutPolicy.class))
                .isEqualTo(io.inferctl.events.config.RolloutPolicy.DEFAULT);
    }

    @Test
    void aSagaStoredMidCompensationByTheEarlierCodeFinishesItsCompensationAndReportsItsOutcome() throws IOException {
        RolloutSaga loaded = load();
        Cluster cluster = mock(Cluster.class);
        CommandReports reports = mock(CommandReports.class, invocation -> CommandReports.Answer.ACCEPTED);
        AnnotatedSaga<RolloutSaga> saga = new AnnotatedSaga<>("stored-saga", Set.of(), loaded,
                new AnnotationSagaMetaModelFactory().modelOf(RolloutSaga.class), NoMoreInterceptors.instance());

        saga.execute(rollout -> rollout.runCompensation(V1, cluster, reports, mock(DeadlineManager.class), PROPERTIES));

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).routeTraffic(V0);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).failed(V1, FailureCode.CLUSTER_UNREACHABLE, "Could not point Service",
                RolloutSteps.STEP_SWITCH_TRAFFIC);
        assertThat(saga.isActive()).isFalse();
    }

    /** As the saga store reads a saga: its bytes and its type name, no revision. */
    private RolloutSaga load() throws IOException {
        byte[] stored = sample().readAllBytes();
        return sagas.deserialize(new SimpleSerializedObject<>(stored, byte[].class, RolloutSaga.class.getName(), null));
    }

    private static InputStream sample() {
        return StoredRolloutSagaTest.class.getResourceAsStream(STORED);
    }
}
