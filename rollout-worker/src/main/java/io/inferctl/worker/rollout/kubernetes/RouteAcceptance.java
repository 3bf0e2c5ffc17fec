package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;

import java.util.List;
import java.util.Objects;

/**
 * Reads what the Gateway's controller wrote on a route ({@code status.parents[].conditions}) and says
 * whether the route's spec at a given generation is in force on that Gateway. Conditions written for an
 * older generation say nothing about the new weights, so they count as not yet seen.
 */
final class RouteAcceptance {

    enum State { PENDING, IN_FORCE, REFUSED }

    /** @param detail what the status says, for a person (a failure message or a log line) */
    record Reading(State state, String detail) {
    }

    private static final String ACCEPTED = "Accepted";
    private static final String RESOLVED_REFS = "ResolvedRefs";
    /** The one reason of {@code Accepted=False} that is not a refusal: the controller has not decided yet. */
    private static final String PENDING_REASON = "Pending";

    private RouteAcceptance() {
    }

    static Reading read(HTTPRoute route, long generation, String gatewayName) {
        if (route == null) {
            return new Reading(State.PENDING, "the route does not exist");
        }
        List<RouteParentStatus> parents = route.getStatus() == null || route.getStatus().getParents() == null
                ? List.of() : route.getStatus().getParents();
        for (RouteParentStatus parent : parents) {
            if (parent.getParentRef() == null || !gatewayName.equals(parent.getParentRef().getName())) {
                continue;
            }
            Condition accepted = condition(parent, ACCEPTED);
            Condition resolved = condition(parent, RESOLVED_REFS);
            if (accepted == null || observed(accepted) < generation) {
                continue;
            }
            if ("False".equals(accepted.getStatus()) && !PENDING_REASON.equals(accepted.getReason())) {
                return new Reading(State.REFUSED, "Gateway " + gatewayName + " did not accept the route at generation "
                        + generation + ": " + accepted.getReason() + " (" + accepted.getMessage() + ")");
            }
            if (!"True".equals(accepted.getStatus())) {
                return new Reading(State.PENDING, "Gateway " + gatewayName + " has not decided yet");
            }
            if (resolved == null || observed(resolved) < generation || !"True".equals(resolved.getStatus())) {
                return new Reading(State.PENDING, "backends not resolved at generation " + generation
                        + (resolved == null ? "" : ": " + resolved.getReason() + " (" + resolved.getMessage() + ")"));
            }
            return new Reading(State.IN_FORCE, "accepted at generation " + observed(accepted));
        }
        return new Reading(State.PENDING, "no status from Gateway " + gatewayName + " for generation " + generation);
    }

    private static Condition condition(RouteParentStatus parent, String type) {
        return Objects.requireNonNullElse(parent.getConditions(), List.<Condition>of()).stream()
                .filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static long observed(Condition condition) {
        return condition.getObservedGeneration() == null ? 0 : condition.getObservedGeneration();
    }
}
