package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.cluster.Gpus;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulingTest {

    private GpuClusterSimulator sim;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        sim = GpuClusterSimulator.builder()
                .shape(ClusterShape.parse("1xNVIDIA_H100:8,1xNVIDIA_A100_80GB:8"))
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
    void podsLandOnANodeOfTheRequestedGpuType() {
        client.pods().resource(Workloads.pod("on-a100", Workloads.engineSpec("NVIDIA_A100_80GB", 2))).create();

        Pod pod = awaitReady("on-a100");

        assertThat(pod.getSpec().getNodeName()).isEqualTo("gpu-a100-80gb-0");
        assertThat(sim.freeGpus()).containsEntry("gpu-a100-80gb-0", 6).containsEntry("gpu-h100-0", 8);
    }

    @Test
    void exactlyFillingANodeLeavesTheNextPodPendingUntilGpusAreReleased() {
        client.pods().resource(Workloads.pod("first", Workloads.engineSpec("NVIDIA_H100", 4))).create();
        client.pods().resource(Workloads.pod("second", Workloads.engineSpec("NVIDIA_H100", 4))).create();
        awaitReady("first");
        awaitReady("second");
        assertThat(sim.freeGpus("gpu-h100-0")).isZero();

        client.pods().resource(Workloads.pod("one-too-many", Workloads.engineSpec("NVIDIA_H100", 1))).create();

        PodCondition scheduled = awaitUnschedulable("one-too-many");
        assertThat(scheduled.getMessage()).isEqualTo(
                "0/2 nodes are available: 1 Insufficient nvidia.com/gpu, 1 node(s) didn't match Pod's node affinity/selector.");
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("one-too-many");
                    assertThat(e.getReason()).isEqualTo("FailedScheduling");
                });

        client.pods().withName("first").delete();

        Pod rescheduled = awaitReady("one-too-many");
        assertThat(rescheduled.getSpec().getNodeName()).isEqualTo("gpu-h100-0");
        await().untilAsserted(() -> assertThat(sim.freeGpus("gpu-h100-0")).isEqualTo(3));
    }

    @Test
    void aPodAskingForMoreGpusThanAnyNodeHasIsUnschedulableEverywhere() {
        PodSpec spec = Workloads.engineSpec("NVIDIA_H100", 16);
        spec.setNodeSelector(Map.of());
        client.pods().resource(Workloads.pod("too-big", spec)).create();

        assertThat(awaitUnschedulable("too-big").getMessage())
                .isEqualTo("0/2 nodes are available: 2 Insufficient nvidia.com/gpu.");
    }

    @Test
    void requiredNodeAffinityOnTheAcceleratorLabelSelectsTheNode() {
        PodSpec spec = Workloads.engineSpec("ignored", 8);
        spec.setNodeSelector(Map.of());
        spec.setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder()
                .withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().withMatchExpressions(new NodeSelectorRequirementBuilder()
                        .withKey(Gpus.PRODUCT_LABEL).withOperator("In").withValues("NVIDIA_A100_80GB").build())
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
                .build());
        client.pods().resource(Workloads.pod("by-affinity", spec)).create();

        assertThat(awaitReady("by-affinity").getSpec().getNodeName()).isEqualTo("gpu-a100-80gb-0");
    }

    @Test
    void aCordonedNodeTakesNoNewPodsAndARemovedNodeTakesItsPodsAlong() {
        client.pods().resource(Workloads.pod("running", Workloads.engineSpec("NVIDIA_H100", 1))).create();
        awaitReady("running");

        sim.nodes().cordon("gpu-h100-0");
        client.pods().resource(Workloads.pod("after-cordon", Workloads.engineSpec("NVIDIA_H100", 1))).create();

        assertThat(awaitUnschedulable("after-cordon").getMessage())
                .isEqualTo("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, "
                        + "1 node(s) were unschedulable.");
        assertThat(client.pods().withName("running").get().getStatus().getPhase()).isEqualTo("Running");

        sim.nodes().remove("gpu-h100-0");

        await().untilAsserted(() -> assertThat(client.pods().withName("running").get()).isNull());
        assertThat(sim.freeGpus()).doesNotContainKey("gpu-h100-0");
    }

    private Pod awaitReady(String name) {
        await().untilAsserted(() -> {
            Pod pod = client.pods().withName(name).get();
            assertThat(pod).isNotNull();
            assertThat(condition(pod, "Ready")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        });
        return client.pods().withName(name).get();
    }

    private PodCondition awaitUnschedulable(String name) {
        await().untilAsserted(() -> assertThat(condition(client.pods().withName(name).get(), "PodScheduled"))
                .hasValueSatisfying(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("Unschedulable");
                }));
        Pod pod = client.pods().withName(name).get();
        assertThat(pod.getSpec().getNodeName()).isNull();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        return condition(pod, "PodScheduled").orElseThrow();
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod == null || pod.getStatus() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
