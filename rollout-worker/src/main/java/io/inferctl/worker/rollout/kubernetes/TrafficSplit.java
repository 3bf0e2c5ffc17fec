package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.worker.rollout.ClusterFailure;
import io.inferctl.worker.rollout.VersionRef;
import org.springframework.retry.support.RetryTemplate;

import java.time.Duration;

/**
 * Splits an endpoint's traffic between its serving version and a canary by weight, with the Gateway
 * API: one Service per version and the endpoint's HTTPRoute weighing them (a building block of the
 * canary strategy; the saga decides the steps).
 *
 * <p>On a real cluster an applied route is only a wish: the Gateway's controller reads it and
 * programs its proxies, and the new weights are in force only once it reports the route
 * {@code Accepted} (with resolved backends) at the route's new {@code metadata.generation}. A shift
 * therefore waits for that status, bounded by {@link GatewayProperties#acceptTimeout()}.
 *
 * <p>Every write is a server-side apply of the whole desired state, so a shift repeated after a crash
 * does no harm: the same weights leave the route's generation as it was, and the wait returns at once.
 * Needs RBAC {@code get, list, watch, patch, create, delete} on {@code httproutes.gateway.networking.k8s.io}
 * and on {@code services}.
 */
public class TrafficSplit {

    private static final Duration FIRST_LOOK_AFTER = Duration.ofMillis(5);
    private static final Duration LOOKS_AT_MOST_EVERY = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final GatewayProperties gateway;
    private final ObjectNames names;
    private final ClusterCalls calls;
    private final VersionServiceTemplate services;
    private final HttpRouteTemplate routes;

    public TrafficSplit(KubernetesClient client, KubernetesProperties properties, GatewayProperties gateway) {
        this.client = client;
        this.properties = properties;
        this.gateway = gateway;
        this.names = new ObjectNames(properties);
        this.calls = new ClusterCalls(properties.retry().policy());
        this.services = new VersionServiceTemplate(properties, names);
        this.routes = new HttpRouteTemplate(properties, gateway, names);
    }

    /**
     * Sends {@code canaryPercent} of the endpoint's traffic to {@code canary} and the rest to
     * {@code serving}, and returns once the Gateway has the new weights in force.
     *
     * @return the route's generation that carries these weights
     * @throws ClusterFailure INVALID_SPEC when the Gateway refuses the route, CLUSTER_API_ERROR when it
     *                        has not accepted it within the timeout (no Gateway controller, wrong Gateway name)
     */
    public long shift(VersionRef serving, VersionRef canary, int canaryPercent) {
        long generation = apply(serving, canary, canaryPercent);
        awaitInForce(serving, generation);
        return generation;
    }

    /** Applies both versions' Services and the route without waiting; returns the route's generation. */
    public long apply(VersionRef serving, VersionRef canary, int canaryPercent) {
        if (canaryPercent < 0 || canaryPercent > 100) {
            throw new IllegalArgumentException("canaryPercent must be between 0 and 100, was " + canaryPercent);
        }
        if (serving.version() == canary.version()) {
            throw new IllegalArgumentException("serving and canary must be different versions, both were " + serving.version());
        }
        for (VersionRef version : new VersionRef[] {serving, canary}) {
            var service = services.build(version);
            calls.run("apply Service " + names.version(version), () -> client.resource(service)
                    .fieldManager(properties.fieldManager()).forceConflicts().serverSideApply());
        }
        HTTPRoute route = routes.build(serving, canary, canaryPercent);
        HTTPRoute applied = calls.call("apply HTTPRoute " + names.service(serving) + " at " + (100 - canaryPercent)
                + "/" + canaryPercent, () -> client.resource(route)
                .fieldManager(properties.fieldManager()).forceConflicts().serverSideApply());
        Long generation = applied.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    /** One read: whether the Gateway reports the endpoint's route in force at {@code generation} or later. */
    public boolean inForce(VersionRef serving, long generation) {
        RouteAcceptance.Reading reading = read(serving, generation);
        if (reading.state() == RouteAcceptance.State.REFUSED) {
            throw refused(serving, reading);
        }
        return reading.state() == RouteAcceptance.State.IN_FORCE;
    }

    /**
     * Waits, bounded by {@link GatewayProperties#acceptTimeout()}, until the Gateway reports the route in
     * force at {@code generation} or later. It reads the route again and again (first after 5 ms, then
     * doubling up to 250 ms) rather than watching it: a watch that misses the status write (opened just
     * after it, or dropped by the API server) would wait the whole timeout, and a Gateway controller takes
     * tens to hundreds of milliseconds anyway. A repeated shift finds its generation in force at the first read.
     */
    public void awaitInForce(VersionRef serving, long generation) {
        RetryTemplate untilDecided = RetryTemplate.builder().withTimeout(gateway.acceptTimeout())
                .exponentialBackoff(FIRST_LOOK_AFTER, 2, LOOKS_AT_MOST_EVERY).retryOn(Pending.class).build();
        RouteAcceptance.Reading decided = untilDecided.execute(context -> {
            RouteAcceptance.Reading reading = read(serving, generation);
            if (reading.state() == RouteAcceptance.State.PENDING) {
                throw new Pending(reading);
            }
            return reading;
        }, context -> {
            String last = ((Pending) context.getLastThrowable()).reading.detail();
            throw new ClusterFailure(FailureCode.CLUSTER_API_ERROR, "Gateway " + gateway.name()
                    + " did not accept HTTPRoute " + names.service(serving) + " at generation " + generation
                    + " within " + gateway.acceptTimeout().toMillis() + " ms (" + last
                    + "); is a Gateway API controller running with that Gateway?", null);
        });
        if (decided.state() == RouteAcceptance.State.REFUSED) {
            throw refused(serving, decided);
        }
    }

    /** The Gateway has not decided on the route's generation yet: look again. */
    private static final class Pending extends RuntimeException {
        private final transient RouteAcceptance.Reading reading;

        Pending(RouteAcceptance.Reading reading) {
            super(reading.detail(), null, false, false);
            this.reading = reading;
        }
    }

    private RouteAcceptance.Reading read(VersionRef serving, long generation) {
        HTTPRoute route = calls.call("read HTTPRoute " + names.service(serving), () -> route(serving).get());
        return RouteAcceptance.read(route, generation, gateway.name());
    }

    /** Removes the endpoint's route; nothing to remove is fine. */
    public void removeRoute(VersionRef serving) {
        calls.run("delete HTTPRoute " + names.service(serving), () -> route(serving).delete());
    }

    /** Removes one version's own Service; nothing to remove is fine. */
    public void removeVersionService(VersionRef version) {
        calls.run("delete Service " + names.version(version), () -> client.services()
                .inNamespace(properties.namespace()).withName(names.version(version)).delete());
    }

    private Resource<HTTPRoute> route(VersionRef serving) {
        return client.resources(HTTPRoute.class).inNamespace(properties.namespace()).withName(names.service(serving));
    }

    private ClusterFailure refused(VersionRef serving, RouteAcceptance.Reading reading) {
        return new ClusterFailure(FailureCode.INVALID_SPEC, "HTTPRoute " + names.service(serving) + ": "
                + reading.detail(), null);
    }
}
