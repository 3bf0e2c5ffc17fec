package io.inferctl.cli.rollout;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --wait/--no-wait} and {@code --timeout}, shared by every command that starts or stops a rollout. */
public final class WaitOptions {

    @Option(names = "--wait", negatable = true,
            description = "Follow the rollout until it ends and exit with its outcome (default: on when a terminal is attached).")
    Boolean wait;

    @Option(names = "--timeout", defaultValue = "PT15M", paramLabel = "DURATION",
            description = "How long --wait follows, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration timeout;

    public boolean wait(boolean interactive) {
        return wait == null ? interactive : wait;
    }

    public Duration timeout() {
        return timeout;
    }
}
