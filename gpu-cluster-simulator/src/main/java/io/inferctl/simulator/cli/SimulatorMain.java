package io.inferctl.simulator.cli;

import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.cluster.NodeOperations;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator in the foreground: prints where the APIs listen, writes a kubeconfig, and stops
 * cleanly on SIGTERM or Ctrl-C.
 */
public final class SimulatorMain {

    private static final int USAGE_ERROR = 2;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        if (commandLine.help) {
            out.print(CommandLine.USAGE);
            return;
        }
        GpuClusterSimulator simulator = GpuClusterSimulator.builder().settings(commandLine.settings).build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the GPU cluster simulator");
            simulator.close();
            stopped.countDown();
        }, "gpu-sim-shutdown"));
        Path kubeconfig = simulator.writeKubeconfig(commandLine.kubeconfig).toAbsolutePath();
        out.println("GPU cluster simulator is running");
        out.println("  Kubernetes API: " + simulator.kubernetesUrl());
        out.println("  Admin API:      " + simulator.adminUrl());
        out.println("  Kubeconfig:     " + kubeconfig);
        for (NodeOperations.NodeSummary node : simulator.nodes().summaries()) {
            out.println("  Node " + node.name() + ": " + node.gpus() + " x " + node.gpuType());
        }
        out.println("Try: kubectl --kubeconfig " + kubeconfig + " get nodes");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
    }
}
