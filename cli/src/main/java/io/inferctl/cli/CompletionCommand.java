package io.inferctl.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

@Command(name = "completion", description = {"Print the shell completion script for bash and zsh:",
        "  source <(inferctl completion)      (zsh: autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit first)"})
public final class CompletionCommand extends SessionCommand {

    @Override
    public Integer call() {
        // picocli's script is written for bash and works in zsh through bashcompinit.
        spec.commandLine().getOut().print(AutoComplete.bash("inferctl", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
