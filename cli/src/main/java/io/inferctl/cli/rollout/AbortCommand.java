package io.inferctl.cli.rollout;

import io.inferctl.cli.ExitCode;
import picocli.CommandLine.Command;

@Command(name = "abort", description = {"Abort a canary: all traffic back to the serving version at once, then the version is removed.",
        "With --wait, exits 0 once the worker confirmed it CANCELLED; one that became CURRENT first exits 5."})
public final class AbortCommand extends CanaryDecision {

    @Override
    String action() {
        return "abort";
    }

    /** As {@code cancel}: an abort is a cancellation, so CANCELLED is what was asked for. */
    @Override
    int exitCode(int outcome) {
        return switch (outcome) {
            case ExitCode.ROLLOUT_CANCELLED -> ExitCode.OK;
            case ExitCode.OK -> ExitCode.CONFLICT;
            default -> outcome;
        };
    }
}
