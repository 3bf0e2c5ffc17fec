package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteList;
import io.inferctl.simulator.cluster.ClusterShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Gateway API's HTTPRoute through fabric8's model classes, as the rollout worker will use it. */
class HttpRouteTest {

    private static GpuClusterSimulator sim;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("1xNVIDIA_H100:8")).forTests().build().start();
        client = sim.newClient(config -> config.withRequestRetryBackoffLimit(0));
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    @AfterEach
    void deleteRoutes() {
        routes().delete();
    }

    private static MixedOperation<HTTPRoute, HTTPRouteList, Resource<HTTPRoute>> routes() {
        return client.resources(HTTPRoute.class, HTTPRouteList.class);
    }

    @Test
    void aRouteAppliedServerSideIsStoredWithTheGatewayApisDefaults() {
        routes().resource(Routes.route("llama", weights(90, 10))).fieldManager("test").forceConflicts().serverSideApply();

        HTTPRoute stored = routes().inNamespace("default").withName("llama").get();

        assertThat(stored.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(stored.getSpec().getHostnames()).containsExactly("llama.inference.example.com");
        assertThat(stored.getSpec().getParentRefs().get(0).getKind()).isEqualTo("Gateway");
        List<HTTPBackendRef> backends = stored.getSpec().getRules().get(0).getBackendRefs();
        assertThat(backends).extracting(HTTPBackendRef::getName, HTTPBackendRef::getWeight, HTTPBackendRef::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("llama-v0", 90, "Service"),
                        org.assertj.core.groups.Tuple.tuple("llama-v1", 10, "Service"));
        assertThat(stored.getSpec().getRules().get(0).getMatches().get(0).getPath().getValue()).isEqualTo("/");
    }

    @Test
    void aSecondApplyShiftsTheWeightsAndAWatchSeesIt() {
        routes().resource(Routes.route("llama", weights(100, 0))).fieldManager("test").forceConflicts().serverSideApply();
        List<HTTPRoute> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = routes().inNamespace("default").withName("llama").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, HTTPRoute route) {
                if (action == Action.MODIFIED) {
                    seen.add(route);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            routes().resource(Routes.route("llama", weights(50, 50))).fieldManager("test").forceConflicts()
                    .serverSideApply();

            // The simulated gateway's status writes are MODIFIED events too; the one with the new weights is awaited.
            await().untilAsserted(() -> assertThat(seen).anySatisfy(route -> assertThat(
                    route.getSpec().getRules().get(0).getBackendRefs()).extracting(HTTPBackendRef::getWeight)
                    .containsExactly(50, 50)));
        }
        assertThat(routes().inNamespace("default").withName("llama").get().getMetadata().getGeneration())
                .as("a spec change moves the generation").isEqualTo(2L);
    }

    @Test
    void aRouteIsListedAndDeleted() {
        routes().resource(Routes.route("llama", weights(1, 1))).create();

        assertThat(routes().inNamespace("default").list().getItems()).extracting(r -> r.getMetadata().getName())
                .containsExactly("llama");
        routes().inNamespace("default").withName("llama").delete();
        assertThat(routes().inNamespace("default").withName("llama").get()).isNull();
    }

    @Test
    void aNegativeWeightIsRefusedNamingTheField() {
        assertInvalid(List.of(Routes.backend("llama-v0", 80, 1), Routes.backend("llama-v1", 80, -1)),
                "spec.rules[0].backendRefs[1].weight", "greater than or equal to 0");
    }

    @Test
    void aWeightAboveOneMillionIsRefusedNamingTheField() {
        assertInvalid(List.of(Routes.backend("llama-v0", 80, 1_000_001)), "spec.rules[0].backendRefs[0].weight",
                "less than or equal to 1000000");
    }

    @Test
    void aBackendWithoutNameIsRefusedNamingTheField() {
        assertInvalid(List.of(Routes.backend(null, 80, 1)), "spec.rules[0].backendRefs[0].name", "Required value");
    }

    @Test
    void aServiceBackendWithoutPortIsRefused() {
        assertInvalid(List.of(Routes.backend("llama-v0", null, 1)), "spec.rules[0].backendRefs[0]",
                "Must have port for Service reference");
    }

    @Test
    void anApplyWithABadWeightIsRefusedAndLeavesTheStoredRouteAsItWas() {
        routes().resource(Routes.route("llama", weights(90, 10))).fieldManager("test").forceConflicts().serverSideApply();

        assertThatThrownBy(() -> routes().resource(Routes.route("llama", weights(90, -10))).fieldManager("test")
                .forceConflicts().serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses().get(0).getField())
                            .isEqualTo("spec.rules[0].backendRefs[1].weight");
                });
        assertThat(routes().inNamespace("default").withName("llama").get().getSpec().getRules().get(0).getBackendRefs())
                .extracting(HTTPBackendRef::getWeight).containsExactly(90, 10);
    }

    @Test
    void theWeightLimitsThemselvesAreAccepted() {
        routes().resource(Routes.route("llama", weights(0, 1_000_000))).create();

        assertThat(routes().inNamespace("default").withName("llama").get().getSpec().getRules().get(0).getBackendRefs())
                .extracting(HTTPBackendRef::getWeight).containsExactly(0, 1_000_000);
    }

    @Test
    void theSimulatedGatewayAcceptsARouteAndResolvesItsBackendsOnceTheirServicesExist() {
        routes().resource(Routes.route("llama", weights(90, 10))).create();

        await().untilAsserted(() -> assertThat(condition("ResolvedRefs"))
                .satisfies(c -> assertThat(c.getStatus() + "/" + c.getReason()).isEqualTo("False/BackendNotFound")));
        assertThat(condition("Accepted").getStatus()).isEqualTo("True");
        try {
            for (String service : weights(1, 1).keySet()) {
                client.services().resource(Workloads.service(service, Map.of(Workloads.VERSION_LABEL, service))).create();
            }

            await().untilAsserted(() -> assertThat(condition("ResolvedRefs").getStatus()).isEqualTo("True"));
            HTTPRoute route = routes().inNamespace("default").withName("llama").get();
            assertThat(route.getStatus().getParents()).singleElement().satisfies(parent -> {
                assertThat(parent.getControllerName()).isEqualTo("inferctl.io/gpu-cluster-simulator");
                assertThat(parent.getParentRef().getName()).isEqualTo("inference-gateway");
            });
            assertThat(condition("Accepted").getObservedGeneration()).isEqualTo(route.getMetadata().getGeneration());
        } finally {
            weights(1, 1).keySet().forEach(service -> client.services().withName(service).delete());
        }
    }

    private static io.fabric8.kubernetes.api.model.Condition condition(String type) {
        HTTPRoute route = routes().inNamespace("default").withName("llama").get();
        assertThat(route.getStatus()).isNotNull();
        return route.getStatus().getParents().get(0).getConditions().stream().filter(c -> type.equals(c.getType()))
                .findFirst().orElseThrow();
    }

    @Test
    void discoveryServesTheGatewayApiGroup() {
        List<APIResource> resources = client.getApiResources("gateway.networking.k8s.io/v1").getResources();

        assertThat(resources).extracting(APIResource::getName).contains("httproutes", "httproutes/status");
        assertThat(client.getApiGroup("gateway.networking.k8s.io").getPreferredVersion().getVersion()).isEqualTo("v1");
    }

    private static void assertInvalid(List<HTTPBackendRef> backends, String field, String message) {
        HTTPRoute route = Routes.route("broken", backends);

        assertThatThrownBy(() -> routes().resource(route).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement()
                            .satisfies(cause -> {
                                assertThat(cause.getField()).isEqualTo(field);
                                assertThat(cause.getMessage()).contains(message);
                            });
                });
        assertThat(routes().inNamespace("default").withName("broken").get()).isNull();
    }

    private static Map<String, Integer> weights(int v0, int v1) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("llama-v0", v0);
        weights.put("llama-v1", v1);
        return weights;
    }
}
