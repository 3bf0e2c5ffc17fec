package io.inferctl.cli.rollout;

import picocli.CommandLine.Command;

@Command(name = "promote", description = {"Promote a canary: skip its remaining steps (and its bake time), all traffic to the version.",
        "With --wait, exits 0 once it is CURRENT; a rollout that failed or was cancelled first exits 10 or 11."})
public final class PromoteCommand extends CanaryDecision {

    @Override
    String action() {
        return "promote";
    }

    @Override
    int exitCode(int outcome) {
        return outcome;
    }
}
