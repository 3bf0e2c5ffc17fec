package io.inferctl.simulator.cli;

import io.inferctl.simulator.SimulatorSettings;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.engine.ModelCatalog;
import io.inferctl.simulator.kubelet.Backoff;
import io.inferctl.simulator.kubelet.ImagePolicy;
import io.inferctl.simulator.kubelet.KubeletSettings;
import io.inferctl.simulator.kubelet.PhaseDurations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The runnable main's flags, turned into settings. */
final class CommandLine {

    static final int DEFAULT_PORT = 6443;
    static final int DEFAULT_ADMIN_PORT = 6444;
    static final String DEFAULT_KUBECONFIG = "gpu-cluster-simulator.kubeconfig";

    static final String USAGE = """
            Usage: gpu-cluster-simulator [options]

              --host <address>            interface to listen on (default 127.0.0.1)
              --port <port>               Kubernetes API port (default 6443; 0 picks a free port)
              --admin-port <port>         admin API port for faults and nodes (default 6444; 0 picks a free port)
              --shape <pools>             nodes, e.g. 2xNVIDIA_H100:8,1xNVIDIA_A100_80GB:8,1xNVIDIA_B200:8 (the default)
              --shape-file <file>         nodes from a JSON/YAML file: {"nodePools":[{"gpuType":..,"nodes":..,"gpusPerNode":..}]}
              --catalog-file <file>       model catalog from a JSON/YAML file: {"models":[{"source":..,"maxContextLength":..}]}
              --kubeconfig <file>         kubeconfig to write (default ./gpu-cluster-simulator.kubeconfig)
              --image-pull <duration>     image pull time (default 2s; durations like 500ms, 2s, 1m)
              --model-download <duration> model download time (default 5s)
              --engine-start <duration>   engine start time until ready (default 3s)
              --termination <duration>    engine shutdown time of a deleted pod (default 1s)
              --crash-backoff <duration>  first restart back-off of a crashing engine (default 10s, doubling)
              --crash-backoff-max <duration>  longest restart back-off (default 5m)
              --missing-image <image>     an image the registry does not have; repeatable, a trailing * matches a prefix
              --requests-per-second <n>   synthetic requests each endpoint receives per second (default 20; 0 = off)
              --fast                      all phases instant and back-off short, as in tests
              --help                      this text
            """;

    final SimulatorSettings settings;
    final Path kubeconfig;
    final boolean help;

    private CommandLine(SimulatorSettings settings, Path kubeconfig, boolean help) {
        this.settings = settings;
        this.kubeconfig = kubeconfig;
        this.help = help;
    }

    static CommandLine parse(String... args) throws IOException {
        SimulatorSettings settings = SimulatorSettings.defaults().withPort(DEFAULT_PORT).withAdminPort(DEFAULT_ADMIN_PORT);
        Path kubeconfig = Path.of(DEFAULT_KUBECONFIG);
        PhaseDurations phases = PhaseDurations.demo();
        Backoff defaults = Backoff.kubeletDefaults();
        Duration backoffInitial = defaults.initial();
        Duration backoffMax = defaults.max();
        Set<String> missingImages = new HashSet<>();
        boolean fast = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String inline = null;
            if (flag.startsWith("--") && flag.contains("=")) {
                inline = flag.substring(flag.indexOf('=') + 1);
                flag = flag.substring(0, flag.indexOf('='));
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return new CommandLine(settings, kubeconfig, true);
            }
            if (flag.equals("--fast")) {
                fast = true;
                continue;
            }
            String value = inline != null ? inline : valueAfter(args, ++i, flag);
            switch (flag) {
                case "--host" -> settings = settings.withHost(value);
                case "--port" -> settings = settings.withPort(Integer.parseInt(value));
                case "--admin-port" -> settings = settings.withAdminPort(Integer.parseInt(value));
                case "--shape" -> settings = settings.withShape(ClusterShape.parse(value));
                case "--shape-file" -> settings = settings.withShape(ClusterShape.read(Path.of(value)));
                case "--catalog-file" -> settings = settings.withCatalog(ModelCatalog.read(Path.of(value)));
                case "--kubeconfig" -> kubeconfig = Path.of(value);
                case "--image-pull" -> phases = new PhaseDurations(duration(value), phases.modelDownload(),
                        phases.engineStart(), phases.termination());
                case "--model-download" -> phases = new PhaseDurations(phases.imagePull(), duration(value),
                        phases.engineStart(), phases.termination());
                case "--engine-start" -> phases = new PhaseDurations(phases.imagePull(), phases.modelDownload(),
                        duration(value), phases.termination());
                case "--termination" -> phases = new PhaseDurations(phases.imagePull(), phases.modelDownload(),
                        phases.engineStart(), duration(value));
                case "--crash-backoff" -> backoffInitial = duration(value);
                case "--crash-backoff-max" -> backoffMax = duration(value);
                case "--missing-image" -> missingImages.add(value);
                case "--requests-per-second" -> settings = settings.withTraffic(
                        settings.traffic().withRequestsPerSecond(Integer.parseInt(value)));
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n\n" + USAGE);
            }
        }
        Backoff backoff = fast ? Backoff.fast() : new Backoff(backoffInitial, backoffMax);
        KubeletSettings kubelet = new KubeletSettings(fast ? PhaseDurations.zero() : phases, backoff,
                fast ? Backoff.fast() : KubeletSettings.defaults().imagePullBackoff(), new ImagePolicy(missingImages));
        return new CommandLine(settings.withKubelet(kubelet), kubeconfig, false);
    }

    private static String valueAfter(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or plain seconds. */
    static Duration duration(String text) {
        String value = text.trim();
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
        }
        if (value.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
