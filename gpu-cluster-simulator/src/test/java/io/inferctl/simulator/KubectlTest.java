package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.simulator.cluster.ClusterShape;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed kubectl against the simulator, through a kubeconfig the simulator wrote. */
class KubectlTest {

    private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private static GpuClusterSimulator sim;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(kubectl() != null, "kubectl is not installed (looked in PATH and /usr/bin): skipping kubectl tests");
        sim = GpuClusterSimulator.builder().shape(ClusterShape.defaults()).forTests().build().start();
        kubeconfig = sim.writeKubeconfig(workDir.resolve("kubeconfig"));
        KubernetesClient client = sim.client();
        client.services().resource(Workloads.service("llama", Map.of(Workloads.ENDPOINT_LABEL, "llama"))).create();
        client.apps().deployments().resource(Workloads.deployment("llama", 0, 2, Workloads.engineSpec("NVIDIA_H100", 8)))
                .create();
        await().untilAsserted(() -> assertThat(Workloads.readyEndpoints(client, "llama")).isEqualTo(2));
        client.resources(HTTPRoute.class).resource(Routes.route("llama", Map.of("llama-v0", 100))).create();
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void getNodesListsTheGpuNodesAsReady() throws Exception {
        String out = kubectl("get", "nodes");

        assertThat(out.lines().findFirst().orElse("")).matches("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION");
        assertThat(out).containsPattern("gpu-h100-0\\s+Ready\\s+<none>\\s+\\d+s\\s+v1\\.32\\.0-sim")
                .contains("gpu-h100-1", "gpu-a100-80gb-0", "gpu-b200-0");
    }

    @Test
    void getShowsDeploymentsReplicaSetsPodsServicesAndEndpointSlices() throws Exception {
        String out = kubectl("get", "nodes,deploy,rs,pods,svc,endpointslices");

        assertThat(out).containsPattern("deployment.apps/llama-v0\\s+2/2\\s+2\\s+2")
                .containsPattern("replicaset.apps/llama-v0-[a-z0-9]+\\s+2\\s+2\\s+2")
                .containsPattern("pod/llama-v0-[a-z0-9]+-[a-z0-9]{5}\\s+1/1\\s+Running\\s+0")
                .containsPattern("service/llama\\s+ClusterIP\\s+10\\.96\\.0\\.\\d+\\s+<none>\\s+80/TCP")
                .containsPattern("endpointslice.discovery.k8s.io/llama-[a-z0-9]+\\s+IPv4\\s+8000\\s+10\\.244\\.\\d+\\.\\d+,");
    }

    @Test
    void getHttpRouteShowsHostnamesAndWeightedBackends() throws Exception {
        String shortName = kubectl("get", "httproute");
        String qualified = kubectl("get", "httproutes.gateway.networking.k8s.io");

        for (String out : List.of(shortName, qualified)) {
            assertThat(out.lines().findFirst().orElse("")).matches("NAME\\s+HOSTNAMES\\s+BACKENDS\\s+AGE");
            assertThat(out).containsPattern("llama\\s+llama\\.inference\\.example\\.com\\s+llama-v0:80=100\\s+\\d+s");
        }
    }

    @Test
    void describePodShowsItsNodeContainerAndEvents() throws Exception {
        String pod = sim.client().pods().withLabel(Workloads.ENDPOINT_LABEL, "llama").list().getItems().get(0)
                .getMetadata().getName();

        String out = kubectl("describe", "pod", pod);

        assertThat(out).containsPattern("Node:\\s+gpu-h100-[01]/10\\.0\\.0\\.1[01]")
                .containsPattern("Status:\\s+Running")
                .containsPattern("nvidia.com/gpu:\\s+8")
                .containsPattern("Node-Selectors:\\s+nvidia.com/gpu.product=NVIDIA_H100")
                .containsPattern("Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned default/" + pod)
                .containsPattern("Normal\\s+Started\\s+.*kubelet\\s+Started container engine");
    }

    @Test
    void getPodsWatchPrintsPodsAsTheyChange() throws Exception {
        Path output = workDir.resolve("watch.out");
        Process watch = new ProcessBuilder(command("get", "pods", "-w"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().until(() -> Files.readString(output).contains("llama-v0-"));

            sim.client().pods().resource(Workloads.pod("watched", Workloads.engineSpec("NVIDIA_A100_80GB", 1))).create();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(output))
                    .containsPattern("watched\\s+0/1\\s+Pending")
                    .containsPattern("watched\\s+1/1\\s+Running"));
            assertThat(Files.readString(output).lines().findFirst().orElse(""))
                    .matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE");
        } finally {
            watch.destroy();
            watch.waitFor(KUBECTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String kubectl(String... args) throws Exception {
        Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(KUBECTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl %s exited with: %s", List.of(args), out).isZero();
        return out;
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl(), "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", workDir.resolve("cache").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String kubectl() {
        List<String> candidates = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            candidates.add(dir + File.separator + "kubectl");
        }
        candidates.add("/usr/bin/kubectl");
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
    }
}
