package io.inferctl.systemtest.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.inferctl.systemtest.faults.StackClient.Answer;
import org.awaitility.core.ConditionTimeoutException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The simulated cluster after the load: for each endpoint, Deployments exactly for its CURRENT
 * version (older ones are drained within the drain delay), its Service selecting that version, and
 * nothing for an endpoint with no CURRENT version; and the simulator's synthetic traffic never
 * found the serving version with zero ready backends.
 */
final class ClusterChecker {

    private static final String ENDPOINT_ID = "inferctl.io/endpoint-id";
    private static final String VERSION = "inferctl.io/version";

    private final FaultStack stack;
    private final StackClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    ClusterChecker(FaultStack stack, StackClient client) {
        this.stack = stack;
        this.client = client;
    }

    /**
     * What the cluster has that no CURRENT version of {@code checked} owns, or lacks that one needs,
     * and objects of endpoints outside {@code known}; awaited up to {@code settle}.
     */
    List<String> verifyObjects(Set<String> known, Set<String> checked, Duration settle) throws Exception {
        AtomicReference<List<String>> found = new AtomicReference<>(List.of());
        try (KubernetesClient kube = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(Path.of(stack.get("KUBECONFIG"))))).build()) {
            try {
                await("the cluster to hold exactly what the CURRENT versions need").atMost(settle)
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> {
                            found.set(differences(kube, known, expected(checked)));
                            return found.get().isEmpty();
                        });
            } catch (ConditionTimeoutException e) {
                // the last differences are the finding
            }
        }
        return found.get();
    }

    /**
     * Per endpoint, its CURRENT version (-1: none) and the superseded versions the read model shows
     * kept warm ({@code standby}, on by default since warm standby): those keep a Deployment on purpose.
     */
    private Map<String, Expected> expected(Set<String> checked) {
        Map<String, Expected> expected = new TreeMap<>();
        for (String id : checked) {
            Answer endpoint = client.query("/v1/endpoints/" + id);
            Set<String> warm = new TreeSet<>();
            client.query("/v1/endpoints/" + id + "/versions?limit=100").body().path("items").forEach(version -> {
                if (version.path("standby").isObject()) {
                    warm.add(version.path("version").asText());
                }
            });
            expected.put(id, new Expected(endpoint.body().path("currentVersion").isNumber()
                    ? endpoint.body().path("currentVersion").asInt() : -1, warm));
        }
        return expected;
    }

    private record Expected(int current, Set<String> warm) {
    }

    private static List<String> differences(KubernetesClient kube, Set<String> known, Map<String, Expected> expected) {
        List<String> found = new ArrayList<>();
        Map<String, Set<String>> deployed = new TreeMap<>();
        for (HasMetadata deployment : kube.apps().deployments().inNamespace("default").withLabel(ENDPOINT_ID).list().getItems()) {
            Map<String, String> labels = deployment.getMetadata().getLabels();
            deployed.computeIfAbsent(labels.get(ENDPOINT_ID), k -> new TreeSet<>()).add(labels.get(VERSION));
        }
        Map<String, Map<String, String>> selectors = new TreeMap<>();
        kube.services().inNamespace("default").withLabel(ENDPOINT_ID).list().getItems().forEach(service ->
                selectors.put(service.getMetadata().getLabels().get(ENDPOINT_ID), service.getSpec().getSelector()));
        deployed.keySet().stream().filter(id -> !known.contains(id))
                .forEach(id -> found.add("Deployments " + deployed.get(id) + " of an endpoint the load never created: " + id));
        expected.forEach((id, wants) -> {
            int version = wants.current();
            Set<String> versions = deployed.getOrDefault(id, Set.of());
            Set<String> wanted = new TreeSet<>(wants.warm());
            if (version >= 0) {
                wanted.add(String.valueOf(version));
            }
            if (!versions.equals(wanted)) {
                found.add(id + ": Deployments for versions " + versions + ", CURRENT is " + (version < 0 ? "none" : "v" + version)
                        + ", warm " + wants.warm());
            }
            String selected = selectors.containsKey(id) ? Objects.toString(selectors.get(id).get(VERSION)) : null;
            if (version >= 0 && !String.valueOf(version).equals(selected)) {
                found.add(id + ": Service selects version " + selected + ", CURRENT is v" + version);
            }
        });
        return found;
    }

    /** The names of these endpoints (the simulator's traffic stats go by name). */
    Set<String> names(Set<String> ids) {
        Set<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(client.query("/v1/endpoints/" + id).body().path("name").asText()));
        return names;
    }

    /** Endpoints among {@code names} the simulator's traffic found with zero ready backends at least once, with the count. */
    Map<String, Integer> zeroReadyBackendMoments(Set<String> names) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(stack.get("SIMULATOR_ADMIN_URL") + "/traffic")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Integer> moments = new TreeMap<>();
        for (JsonNode endpoint : StackClient.JSON.readTree(response.body()).path("endpoints")) {
            int count = endpoint.path("zeroReadyBackendMoments").asInt();
            if (count > 0 && names.contains(endpoint.path("endpoint").asText())) {
                moments.put(endpoint.path("endpoint").asText(), count);
            }
        }
        return moments;
    }

    /** How many endpoints the simulator's traffic saw (to show the check looked at something). */
    int trafficEndpoints() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(stack.get("SIMULATOR_ADMIN_URL") + "/traffic")).build(), HttpResponse.BodyHandlers.ofString());
        return StackClient.JSON.readTree(response.body()).path("endpoints").size();
    }
}
