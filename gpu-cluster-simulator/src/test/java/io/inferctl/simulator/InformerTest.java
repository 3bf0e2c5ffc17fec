package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.inferctl.simulator.cluster.ClusterShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InformerTest {

    private GpuClusterSimulator sim;

    @BeforeEach
    void start() {
        sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("1xNVIDIA_H100:8")).forTests().build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void anInformerFollowsPodsThroughAWatchThatSurvivesABrokenConnection() {
        try (SharedIndexInformer<Pod> informer = sim.client().pods().inNamespace("default").inform()) {
            sim.client().pods().resource(Workloads.pod("first", Workloads.engineSpec("NVIDIA_H100", 1))).create();
            await().untilAsserted(() -> assertThat(informer.getStore().getByKey("default/first")).isNotNull()
                    .satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running")));

            sim.closeWatches();
            sim.client().pods().resource(Workloads.pod("second", Workloads.engineSpec("NVIDIA_H100", 1))).create();

            await().untilAsserted(() -> assertThat(informer.getStore().getByKey("default/second")).isNotNull());
            sim.client().pods().withName("first").delete();
            await().untilAsserted(() -> assertThat(informer.getStore().getByKey("default/first")).isNull());
        }
    }

    @Test
    void aDeploymentThatCanNeitherSurgeNorLoseAPodIsInvalid() {
        Deployment deployment = Workloads.deployment("llama", 0, 1, Workloads.engineSpec("NVIDIA_H100", 1));
        deployment.getSpec().getStrategy().getRollingUpdate().setMaxSurge(new IntOrString(0));

        assertThatThrownBy(() -> sim.client().apps().deployments().resource(deployment).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage()).contains("may not be 0 when `maxSurge` is 0");
                });
    }
}
