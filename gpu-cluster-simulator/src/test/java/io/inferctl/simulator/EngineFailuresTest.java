package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.engine.EngineContract;
import io.inferctl.simulator.engine.ModelCatalog;
import io.inferctl.simulator.kubelet.ImagePolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineFailuresTest {

    private GpuClusterSimulator sim;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        sim = GpuClusterSimulator.builder()
                .shape(ClusterShape.parse("1xNVIDIA_H100:8"))
                .catalog(ModelCatalog.defaults().with(new ModelCatalog.Model("s3://team-bucket/llama-ft", 4096)))
                .missingImages(new ImagePolicy(Set.of("ghcr.io/inferctl/engine:does-not-exist")))
                .forTests()
                .build()
                .start();
        client = sim.client();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aModelSourceMissingFromTheCatalogFailsTheDownloadAndCrashLoops() {
        create("unknown-model", "hf://nobody/no-such-model", Workloads.engineArgs(4096, 8192), Workloads.IMAGE);

        ContainerStatus engine = awaitCrashLooping("unknown-model");

        assertThat(engine.getLastState().getTerminated().getMessage())
                .startsWith(EngineContract.MODEL_NOT_FOUND + ": model source hf://nobody/no-such-model was not found");
        assertThat(engine.getLastState().getTerminated().getExitCode()).isEqualTo(EngineContract.EXIT_MODEL_NOT_FOUND);
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo(EngineContract.MODEL_NOT_FOUND))
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("BackOff");
                    assertThat(e.getMessage()).startsWith("Back-off restarting failed container engine in pod unknown-model");
                });
    }

    @Test
    void aContextLengthAboveTheModelsLimitMakesTheEngineExitAfterTheDownload() {
        create("too-long", "s3://team-bucket/llama-ft", Workloads.engineArgs(4096, 8192), Workloads.IMAGE);

        ContainerStatus engine = awaitCrashLooping("too-long");

        assertThat(engine.getLastState().getTerminated().getMessage()).isEqualTo(EngineContract.INVALID_ENGINE_ARGUMENT
                + ": --max-context-length (8192) exceeds the maximum context length of s3://team-bucket/llama-ft (4096)");
        assertThat(engine.getLastState().getTerminated().getExitCode()).isEqualTo(EngineContract.EXIT_ENGINE_ERROR);
    }

    @Test
    void anInputLongerThanTheContextIsRefusedByTheArgumentParser() {
        create("input-over-context", Workloads.LLAMA_8B, Workloads.engineArgs(16384, 8192), Workloads.IMAGE);

        ContainerStatus engine = awaitCrashLooping("input-over-context");

        assertThat(engine.getLastState().getTerminated().getMessage()).isEqualTo(EngineContract.INVALID_ENGINE_ARGUMENT
                + ": --max-input-length (16384) must not exceed --max-context-length (8192)");
        assertThat(engine.getLastState().getTerminated().getExitCode()).isEqualTo(EngineContract.EXIT_INVALID_ARGUMENT);
    }

    @Test
    void anUnknownEngineFlagIsRefused() {
        create("unknown-flag", Workloads.LLAMA_8B, List.of("--max-batch-size=64", "--turbo=on"), Workloads.IMAGE);

        assertThat(awaitCrashLooping("unknown-flag").getLastState().getTerminated().getMessage())
                .isEqualTo(EngineContract.INVALID_ENGINE_ARGUMENT + ": unrecognized argument: --turbo");
    }

    @Test
    void aMissingImageBacksOffPullingWithoutEverStarting() {
        create("no-image", Workloads.LLAMA_8B, Workloads.engineArgs(4096, 8192), "ghcr.io/inferctl/engine:does-not-exist");

        await().untilAsserted(() -> {
            ContainerStatus engine = engineStatus(client.pods().withName("no-image").get());
            assertThat(engine.getState().getWaiting().getReason()).isEqualTo(EngineContract.REASON_IMAGE_PULL_BACKOFF);
            assertThat(engine.getState().getWaiting().getMessage())
                    .startsWith("Back-off pulling image \"ghcr.io/inferctl/engine:does-not-exist\"");
        });
        Pod pod = client.pods().withName("no-image").get();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(engineStatus(pod).getRestartCount()).isZero();
    }

    @Test
    void aKnownModelWithValidArgumentsBecomesReady() {
        create("healthy", Workloads.LLAMA_8B, Workloads.engineArgs(4096, 8192), Workloads.IMAGE);

        await().untilAsserted(() -> {
            ContainerStatus engine = engineStatus(client.pods().withName("healthy").get());
            assertThat(engine.getReady()).isTrue();
            assertThat(engine.getRestartCount()).isZero();
        });
    }

    private void create(String name, String model, List<String> args, String image) {
        client.pods().resource(Workloads.pod(name, Workloads.engineSpec("NVIDIA_H100", 1, model, args, image))).create();
    }

    /** Waits for at least two restarts, so that the back-off loop, not a single exit, is what is seen. */
    private ContainerStatus awaitCrashLooping(String name) {
        await().untilAsserted(() -> {
            Pod pod = client.pods().withName(name).get();
            ContainerStatus engine = engineStatus(pod);
            assertThat(engine.getRestartCount()).isGreaterThanOrEqualTo(2);
            assertThat(engine.getReady()).isFalse();
            assertThat(engine.getState().getWaiting().getReason()).isEqualTo(EngineContract.REASON_CRASH_LOOP_BACK_OFF);
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        });
        return engineStatus(client.pods().withName(name).get());
    }

    private static ContainerStatus engineStatus(Pod pod) {
        assertThat(pod.getStatus().getContainerStatuses()).isNotEmpty();
        return pod.getStatus().getContainerStatuses().get(0);
    }
}
