package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inferctl.simulator.cluster.ClusterShape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

    @Test
    void closingStopsEveryThreadTheSimulatorStarted(@TempDir Path dir) throws Exception {
        GpuClusterSimulator sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("1xNVIDIA_H100:8")).forTests()
                .build().start();
        sim.client().nodes().list();
        Path kubeconfig = sim.writeKubeconfig(dir.resolve("config"));
        assertThat(Files.readString(kubeconfig)).contains("server: " + sim.kubernetesUrl());
        assertThat(simulatorThreads()).isPositive();

        sim.close();

        await().untilAsserted(() -> assertThat(simulatorThreads()).isZero());
    }

    private static long simulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("gpu-sim-") || name.startsWith("vert.x-"))
                .count();
    }
}
