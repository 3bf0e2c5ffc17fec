package io.inferctl.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inferctl.simulator.cluster.ClusterShape;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void flagsBecomeSettings() throws Exception {
        CommandLine commandLine = CommandLine.parse("--port", "0", "--admin-port=0", "--shape", "3xNVIDIA_H200:4",
                "--model-download", "500ms", "--kubeconfig", "/tmp/sim.kubeconfig", "--missing-image", "bad/image:*",
                "--requests-per-second", "0");

        assertThat(commandLine.settings.port()).isZero();
        assertThat(commandLine.settings.shape()).isEqualTo(ClusterShape.of(new ClusterShape.NodePool("NVIDIA_H200", 3, 4)));
        assertThat(commandLine.settings.kubelet().phases().modelDownload()).isEqualTo(Duration.ofMillis(500));
        assertThat(commandLine.settings.kubelet().images().isMissing("bad/image:v1")).isTrue();
        assertThat(commandLine.kubeconfig).isEqualTo(Path.of("/tmp/sim.kubeconfig"));
        assertThat(commandLine.settings.traffic().requestsPerSecond()).isZero();
    }

    @Test
    void defaultsListenOnTheUsualPortsWithTheDefaultShape() throws Exception {
        CommandLine commandLine = CommandLine.parse();

        assertThat(commandLine.settings.port()).isEqualTo(CommandLine.DEFAULT_PORT);
        assertThat(commandLine.settings.adminPort()).isEqualTo(CommandLine.DEFAULT_ADMIN_PORT);
        assertThat(commandLine.settings.shape().nodeCount()).isEqualTo(4);
        assertThat(commandLine.settings.traffic().requestsPerSecond()).isEqualTo(20);
    }

    @Test
    void anUnknownFlagIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> CommandLine.parse("--gpus", "8")).hasMessageContaining("unknown option --gpus")
                .hasMessageContaining("Usage:");
    }
}
