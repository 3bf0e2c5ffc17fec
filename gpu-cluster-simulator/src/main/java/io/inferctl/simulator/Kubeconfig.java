package io.inferctl.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig whose current context points at the simulator: plain HTTP, no credentials. */
final class Kubeconfig {

    private static final String NAME = "gpu-cluster-simulator";

    private Kubeconfig() {
    }

    static Path write(Path file, String server) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: default
                current-context: %1$s
                users:
                - name: %1$s
                  user: {}
                """.formatted(NAME, server);
        Files.writeString(file, kubeconfig);
        return file;
    }
}
