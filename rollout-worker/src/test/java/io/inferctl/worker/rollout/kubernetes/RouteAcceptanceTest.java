package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.inferctl.worker.rollout.kubernetes.RouteAcceptance.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Gateway controller's status on a route means for weights applied at a generation. */
class RouteAcceptanceTest {

    private static final String GATEWAY = "inference-gateway";

    private static Condition condition(String type, String status, String reason, long generation) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(reason + " message")
                .withObservedGeneration(generation).build();
    }

    private static RouteParentStatus parent(String gateway, Condition... conditions) {
        return new RouteParentStatusBuilder().withNewParentRef().withName(gateway).endParentRef()
                .withControllerName("example.com/gateway").withConditions(conditions).build();
    }

    private static HTTPRoute route(RouteParentStatus... parents) {
        return new HTTPRouteBuilder().withNewMetadata().withName("chat").withGeneration(3L).endMetadata()
                .withNewStatus().withParents(parents).endStatus().build();
    }

    @Test
    void acceptedWithResolvedBackendsAtTheGenerationIsInForce() {
        HTTPRoute route = route(parent(GATEWAY, condition("Accepted", "True", "Accepted", 3),
                condition("ResolvedRefs", "True", "ResolvedRefs", 3)));

        assertThat(RouteAcceptance.read(route, 3, GATEWAY).state()).isEqualTo(State.IN_FORCE);
        assertThat(RouteAcceptance.read(route, 2, GATEWAY).state()).as("a later generation covers an earlier one")
                .isEqualTo(State.IN_FORCE);
    }

    @Test
    void statusOfAnOlderGenerationSaysNothingAboutTheNewWeights() {
        HTTPRoute route = route(parent(GATEWAY, condition("Accepted", "True", "Accepted", 2),
                condition("ResolvedRefs", "True", "ResolvedRefs", 2)));

        assertThat(RouteAcceptance.read(route, 3, GATEWAY).state()).isEqualTo(State.PENDING);
    }

    @Test
    void noStatusAnotherGatewaysStatusOrNoRouteIsPending() {
        assertThat(RouteAcceptance.read(route(), 1, GATEWAY).state()).isEqualTo(State.PENDING);
        assertThat(RouteAcceptance.read(null, 1, GATEWAY).state()).isEqualTo(State.PENDING);
        HTTPRoute other = route(parent("other-gateway", condition("Accepted", "True", "Accepted", 3),
                condition("ResolvedRefs", "True", "ResolvedRefs", 3)));
        assertThat(RouteAcceptance.read(other, 3, GATEWAY).state()).isEqualTo(State.PENDING);
    }

    @Test
    void unresolvedBackendsAreWaitedForSinceTheServiceMayBeSeenLate() {
        HTTPRoute route = route(parent(GATEWAY, condition("Accepted", "True", "Accepted", 3),
                condition("ResolvedRefs", "False", "BackendNotFound", 3)));

        RouteAcceptance.Reading reading = RouteAcceptance.read(route, 3, GATEWAY);

        assertThat(reading.state()).isEqualTo(State.PENDING);
        assertThat(reading.detail()).contains("BackendNotFound");
    }

    @Test
    void aRefusalIsFinalButAPendingDecisionIsNot() {
        HTTPRoute refused = route(parent(GATEWAY, condition("Accepted", "False", "NotAllowedByListeners", 3)));
        HTTPRoute undecided = route(parent(GATEWAY, condition("Accepted", "False", "Pending", 3)));

        RouteAcceptance.Reading reading = RouteAcceptance.read(refused, 3, GATEWAY);

        assertThat(reading.state()).isEqualTo(State.REFUSED);
        assertThat(reading.detail()).contains(GATEWAY, "NotAllowedByListeners", "generation 3");
        assertThat(RouteAcceptance.read(undecided, 3, GATEWAY).state()).isEqualTo(State.PENDING);
    }
}
