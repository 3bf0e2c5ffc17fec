package io.inferctl.cli.context;

import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.config.ContextFile;
import io.inferctl.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "context", description = "The contexts of the context file.",
        subcommands = {ContextCommand.Use.class, ContextCommand.ListContexts.class})
public final class ContextCommand extends SessionCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "use", description = "Make NAME the current context.")
    static final class Use extends SessionCommand {

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            session().resolver().contextFile().use(name);
            session().printer().line("current context: " + name);
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "Every context; * marks the current one. Tokens are not shown.")
    static final class ListContexts extends SessionCommand {

        @Override
        public Integer call() {
            ContextFile.Contents contents = session().resolver().contextFile().read();
            Printer printer = session().printer();
            List<List<String>> rows = new ArrayList<>();
            for (ContextFile.Context c : contents.contexts()) {
                rows.add(List.of(c.name().equals(contents.currentContext()) ? "*" : "", c.name(), c.commandUrl(), c.queryUrl()));
            }
            printer.table(List.of("CURRENT", "NAME", "COMMAND URL", "QUERY URL"), rows);
            return ExitCode.OK;
        }
    }
}
