package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.kubelet.Backoff;
import io.inferctl.simulator.kubelet.PhaseDurations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeploymentRolloutTest {

    private GpuClusterSimulator sim;
    private KubernetesClient client;

    private void start(String shape, PhaseDurations phases) {
        sim = GpuClusterSimulator.builder()
                .shape(ClusterShape.parse(shape))
                .phaseDurations(phases)
                .backoff(Backoff.fast())
                .build()
                .start();
        client = sim.client();
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aRolloutWithMaxUnavailableZeroNeverLeavesTheServiceWithoutAReadyEndpoint() {
        start("1xNVIDIA_H100:2", new PhaseDurations(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(100)));
        client.services().resource(Workloads.service("llama", Map.of(Workloads.ENDPOINT_LABEL, "llama")))
                .serverSideApply();
        client.apps().deployments().resource(Workloads.deployment("llama", 1, 1, Workloads.engineSpec("NVIDIA_H100", 1)))
                .serverSideApply();
        await().untilAsserted(() -> assertThat(Workloads.readyEndpoints(client, "llama")).isEqualTo(1));
        List<Long> readySeen = new CopyOnWriteArrayList<>();
        Watch watch = client.discovery().v1().endpointSlices().inNamespace("default")
                .withLabel("kubernetes.io/service-name", "llama")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EndpointSlice slice) {
                        if (action != Action.DELETED) {
                            readySeen.add(Workloads.readyEndpoints(slice));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                });

        try (watch) {
            Deployment updated = Workloads.deployment("llama", 1, 1, Workloads.engineSpec("NVIDIA_H100", 1,
                    Workloads.LLAMA_8B, Workloads.engineArgs(2048, 8192), Workloads.IMAGE));
            client.apps().deployments().resource(updated).serverSideApply();

            await().untilAsserted(() -> {
                Deployment deployment = client.apps().deployments().withName("llama-v1").get();
                assertThat(deployment.getStatus().getObservedGeneration()).isEqualTo(2L);
                assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(1);
                assertThat(deployment.getStatus().getReplicas()).isEqualTo(1);
                assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(1);
                assertThat(progressing(deployment).getReason()).isEqualTo("NewReplicaSetAvailable");
                assertThat(client.pods().list().getItems()).hasSize(1)
                        .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getArgs())
                                .contains("--max-input-length=2048"));
            });
        }

        assertThat(readySeen).as("ready endpoints at every EndpointSlice change").isNotEmpty().allMatch(n -> n >= 1);
        assertThat(readySeen).as("old and new pod were ready side by side").contains(2L);
        assertThat(client.apps().replicaSets().list().getItems()).hasSize(2)
                .anySatisfy(rs -> assertThat(rs.getSpec().getReplicas()).isZero());
    }

    @Test
    void aSurgePodThatGetsNoGpuStaysPendingUntilTheProgressDeadlineIsExceeded() {
        start("1xNVIDIA_H100:1", PhaseDurations.zero());
        client.services().resource(Workloads.service("llama", Map.of(Workloads.ENDPOINT_LABEL, "llama")))
                .serverSideApply();
        Deployment deployment = Workloads.deployment("llama", 1, 1, Workloads.engineSpec("NVIDIA_H100", 1));
        deployment.getSpec().setProgressDeadlineSeconds(2);
        client.apps().deployments().resource(deployment).serverSideApply();
        await().untilAsserted(() -> assertThat(Workloads.readyEndpoints(client, "llama")).isEqualTo(1));

        Deployment changed = Workloads.deployment("llama", 1, 1, Workloads.engineSpec("NVIDIA_H100", 1,
                Workloads.LLAMA_8B, Workloads.engineArgs(1024, 8192), Workloads.IMAGE));
        changed.getSpec().setProgressDeadlineSeconds(2);
        client.apps().deployments().resource(changed).serverSideApply();

        await().untilAsserted(() -> assertThat(client.pods().list().getItems())
                .anySatisfy(pod -> assertThat(SchedulingTest.condition(pod, "PodScheduled")).hasValueSatisfying(c -> {
                    assertThat(c.getReason()).isEqualTo("Unschedulable");
                    assertThat(c.getMessage()).isEqualTo("0/1 nodes are available: 1 Insufficient nvidia.com/gpu.");
                })));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            DeploymentCondition progressing = progressing(client.apps().deployments().withName("llama-v1").get());
            assertThat(progressing.getStatus()).isEqualTo("False");
            assertThat(progressing.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(progressing.getMessage()).matches("ReplicaSet \"llama-v1-[a-z0-9]+\" has timed out progressing\\.");
        });
        Deployment stuck = client.apps().deployments().withName("llama-v1").get();
        assertThat(condition(stuck, "Available").getStatus()).isEqualTo("True");
        assertThat(stuck.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(Workloads.readyEndpoints(client, "llama")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = DeletionPropagation.class, names = {"FOREGROUND", "BACKGROUND"})
    void deletingADeploymentRemovesItsReplicaSetsAndPodsAndReleasesTheGpus(DeletionPropagation propagation) {
        start("1xNVIDIA_H100:8", PhaseDurations.zero());
        client.apps().deployments().resource(Workloads.deployment("llama", 0, 2, Workloads.engineSpec("NVIDIA_H100", 4)))
                .serverSideApply();
        await().untilAsserted(() -> assertThat(client.apps().deployments().withName("llama-v0").get().getStatus()
                .getReadyReplicas()).isEqualTo(2));
        assertThat(sim.freeGpus("gpu-h100-0")).isZero();

        client.apps().deployments().withName("llama-v0").withPropagationPolicy(propagation).delete();

        await().untilAsserted(() -> {
            assertThat(client.apps().deployments().list().getItems()).isEmpty();
            assertThat(client.apps().replicaSets().list().getItems()).isEmpty();
            assertThat(client.pods().list().getItems()).isEmpty();
            assertThat(sim.freeGpus("gpu-h100-0")).isEqualTo(8);
        });
    }

    @Test
    void serverSideApplyCreatesMergesAndNeverWipesStatus() {
        start("1xNVIDIA_H100:8", PhaseDurations.zero());
        Deployment deployment = Workloads.deployment("llama", 0, 1, Workloads.engineSpec("NVIDIA_H100", 1));
        client.apps().deployments().resource(deployment).forceConflicts().serverSideApply();
        await().untilAsserted(() -> assertThat(client.apps().deployments().withName("llama-v0").get().getStatus()
                .getAvailableReplicas()).isEqualTo(1));

        deployment.getMetadata().setAnnotations(Map.of("inferctl.io/comment", "same spec, new annotation"));
        Deployment applied = client.apps().deployments().resource(deployment).forceConflicts().serverSideApply();

        assertThat(applied.getMetadata().getAnnotations()).containsEntry("inferctl.io/comment", "same spec, new annotation");
        assertThat(applied.getStatus().getAvailableReplicas()).isEqualTo(1);
        assertThat(applied.getMetadata().getGeneration()).isEqualTo(1L);

        client.services().resource(Workloads.service("llama", Map.of(Workloads.ENDPOINT_LABEL, "llama",
                Workloads.VERSION_LABEL, "0"))).forceConflicts().serverSideApply();
        var switched = client.services().resource(Workloads.service("llama", Map.of(Workloads.ENDPOINT_LABEL, "llama")))
                .forceConflicts().serverSideApply();
        assertThat(switched.getSpec().getSelector()).isEqualTo(Map.of(Workloads.ENDPOINT_LABEL, "llama"));
        assertThat(switched.getSpec().getClusterIP()).startsWith("10.96.");
    }

    @Test
    void aHorizontalPodAutoscalerIsReflectedInStatusAndKeepsReplicasWithinBounds() {
        start("1xNVIDIA_H100:8", PhaseDurations.zero());
        client.apps().deployments().resource(Workloads.deployment("llama", 0, 1, Workloads.engineSpec("NVIDIA_H100", 1)))
                .serverSideApply();
        var hpa = new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("llama-v0").withNamespace("default").endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("llama-v0")
                .endScaleTargetRef()
                .withMinReplicas(2).withMaxReplicas(3)
                .endSpec()
                .build();

        client.autoscaling().v2().horizontalPodAutoscalers().resource(hpa).forceConflicts().serverSideApply();

        await().untilAsserted(() -> {
            var status = client.autoscaling().v2().horizontalPodAutoscalers().withName("llama-v0").get().getStatus();
            assertThat(status.getDesiredReplicas()).isEqualTo(2);
            assertThat(status.getCurrentReplicas()).isEqualTo(2);
            assertThat(status.getConditions()).anySatisfy(c -> assertThat(c.getType()).isEqualTo("ScalingActive"));
            assertThat(client.apps().deployments().withName("llama-v0").get().getStatus().getReadyReplicas()).isEqualTo(2);
        });
        hpa.getSpec().setMaxReplicas(5);
        var reapplied = client.autoscaling().v2().horizontalPodAutoscalers().resource(hpa).forceConflicts()
                .serverSideApply();
        assertThat(reapplied.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(reapplied.getStatus().getDesiredReplicas()).isEqualTo(2);
    }

    private static DeploymentCondition progressing(Deployment deployment) {
        return condition(deployment, "Progressing");
    }

    private static DeploymentCondition condition(Deployment deployment, String type) {
        return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " condition"));
    }
}
