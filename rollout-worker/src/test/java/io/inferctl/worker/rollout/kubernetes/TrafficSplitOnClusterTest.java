package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.simulator.faults.FaultRule;
import io.inferctl.simulator.traffic.TrafficStats;
import io.inferctl.worker.rollout.ClusterFailure;
import io.inferctl.worker.rollout.VersionRef;
import io.inferctl.worker.support.CanaryEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.inferctl.worker.support.CanaryEndpoint.V0;
import static io.inferctl.worker.support.CanaryEndpoint.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The traffic split on the simulated cluster, whose synthetic load follows the route's weights exactly. */
class TrafficSplitOnClusterTest {

    private static CanaryEndpoint endpoint;
    private static TrafficSplit split;

    @BeforeAll
    static void start() {
        endpoint = new CanaryEndpoint();
        endpoint.version(V0, 1);
        endpoint.version(V1, 2);
        split = new TrafficSplit(endpoint.sim().client(), endpoint.kubernetes(), endpoint.gateway(Map.of()));
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @BeforeEach
    void noFaults() {
        endpoint.sim().faults().clear();
    }

    @Test
    void theLoadFollowsNinetyTenThenFiftyFiftyThenAllOnTheServingVersion() {
        split.shift(V0, V1, 10);
        assertThat(shares(100)).containsExactly(90L, 10L);

        split.shift(V0, V1, 50);
        assertThat(shares(100)).containsExactly(50L, 50L);

        split.shift(V0, V1, 0);
        assertThat(shares(100)).containsExactly(100L, 0L);
        assertThat(endpoint.traffic(V0).failures() + endpoint.traffic(V1).failures()).isZero();
    }

    @Test
    void theRouteWeighsOneServicePerVersionEachSelectingOnlyItsPods() {
        split.shift(V0, V1, 25);

        HTTPRoute route = route();
        List<HTTPBackendRef> backends = route.getSpec().getRules().get(0).getBackendRefs();
        assertThat(backends).extracting(HTTPBackendRef::getName).containsExactly("chat-v0", "chat-v1");
        assertThat(backends).extracting(HTTPBackendRef::getWeight).containsExactly(75, 25);
        assertThat(backends).extracting(HTTPBackendRef::getPort).containsOnly(80);
        assertThat(route.getSpec().getParentRefs()).singleElement()
                .satisfies(p -> assertThat(p.getName()).isEqualTo("inference-gateway"));
        assertThat(route.getMetadata().getLabels()).containsEntry("inferctl.io/endpoint-id", CanaryEndpoint.ID);
        var service = endpoint.sim().client().services().withName("chat-v1").get();
        assertThat(service.getSpec().getSelector()).isEqualTo(Map.of("inferctl.io/endpoint-id", CanaryEndpoint.ID,
                "inferctl.io/version", "1"));
        assertThat(service.getMetadata().getLabels()).containsEntry("inferctl.io/endpoint-id", CanaryEndpoint.ID)
                .containsEntry("inferctl.io/version", "1");
    }

    @Test
    void aShiftReturnsOnlyOnceTheGatewayAcceptedTheRoutesNewGeneration() {
        long before = split.shift(V0, V1, 10);

        long after = split.shift(V0, V1, 30);

        assertThat(after).isGreaterThan(before);
        var parent = route().getStatus().getParents().get(0);
        assertThat(parent.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Accepted");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getObservedGeneration()).isGreaterThanOrEqualTo(after);
        });
        assertThat(split.inForce(V0, after)).isTrue();
        assertThat(split.inForce(V0, after + 1)).as("a generation the gateway has not seen").isFalse();
    }

    @Test
    void aShiftRepeatedAfterACrashChangesNothing() {
        long generation = split.shift(V0, V1, 40);
        String resourceVersion = route().getMetadata().getResourceVersion();
        String serviceVersion = endpoint.sim().client().services().withName("chat-v1").get().getMetadata()
                .getResourceVersion();

        assertThat(split.shift(V0, V1, 40)).isEqualTo(generation);
        assertThat(split.shift(V0, V1, 40)).isEqualTo(generation);

        assertThat(route().getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
        assertThat(endpoint.sim().client().services().withName("chat-v1").get().getMetadata().getResourceVersion())
                .isEqualTo(serviceVersion);
        assertThat(shares(100)).containsExactly(60L, 40L);
    }

    @Test
    void aGatewayThatNeverAnswersFailsTheShiftWithinItsTimeout() {
        TrafficSplit impatient = new TrafficSplit(endpoint.sim().client(), endpoint.kubernetes(),
                endpoint.gateway(Map.of("accept-timeout", "300ms")));
        long generation = split.shift(V0, V1, 20);

        // The gateway's status is never newer than the route: a generation ahead is never in force.
        assertThatThrownBy(() -> impatient.awaitInForce(V0, generation + 1))
                .isInstanceOfSatisfying(ClusterFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(FailureCode.CLUSTER_API_ERROR);
                    assertThat(f.getMessage()).contains("inference-gateway", "generation " + (generation + 1), "300 ms");
                });
    }

    @Test
    void anApiThatRefusesTheRouteFailsTheShiftForGood() {
        endpoint.sim().faults().add(FaultRule.errors(1.0, 422).onlyFor("PATCH", "httproutes/chat"));

        assertThatThrownBy(() -> split.shift(V0, V1, 70)).isInstanceOfSatisfying(ClusterFailure.class,
                f -> assertThat(f.code()).isEqualTo(FailureCode.INVALID_SPEC));
    }

    @Test
    void weightsOutsideZeroToHundredAndASplitOfAVersionWithItselfAreRefused() {
        assertThatThrownBy(() -> split.apply(V0, V1, 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("canaryPercent");
        assertThatThrownBy(() -> split.apply(V0, V1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> split.apply(V0, new VersionRef(V0.endpointId(), V0.name(), 0), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sends one round and returns how many requests each version received in it, v0 first. */
    private static List<Long> shares(int requests) {
        TrafficStats.VersionTraffic v0 = endpoint.traffic(V0);
        TrafficStats.VersionTraffic v1 = endpoint.traffic(V1);
        endpoint.sim().traffic().send(requests);
        return List.of(endpoint.traffic(V0).requests() - v0.requests(), endpoint.traffic(V1).requests() - v1.requests());
    }

    private static HTTPRoute route() {
        return endpoint.sim().client().resources(HTTPRoute.class).withName("chat").get();
    }
}
