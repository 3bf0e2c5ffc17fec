package io.inferctl.cli;

import io.inferctl.cli.api.ApiException;
import io.inferctl.cli.api.UnreachableException;
import io.inferctl.cli.audit.AuditCommand;
import io.inferctl.cli.config.ConfigException;
import io.inferctl.cli.context.ContextCommand;
import io.inferctl.cli.context.LoginCommand;
import io.inferctl.cli.endpoint.ApplyCommand;
import io.inferctl.cli.endpoint.EndpointsCommand;
import io.inferctl.cli.endpoint.SetCommand;
import io.inferctl.cli.rollout.CancelCommand;
import io.inferctl.cli.rollout.RollbackCommand;
import io.inferctl.cli.rollout.RolloutCommand;
import io.inferctl.cli.version.DiffCommand;
import io.inferctl.cli.version.VersionCommand;
import io.inferctl.cli.version.VersionsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

@Command(name = "inferctl", mixinStandardHelpOptions = true, versionProvider = Inferctl.Version.class,
        description = "The command line of inferctl: endpoints, versions, rollouts and the audit log.",
        subcommands = {LoginCommand.class, ContextCommand.class, EndpointsCommand.class, ApplyCommand.class, SetCommand.class,
                VersionsCommand.class, VersionCommand.class, DiffCommand.class, RollbackCommand.class, CancelCommand.class,
                RolloutCommand.class, AuditCommand.class, CompletionCommand.class, CdsTrainingCommand.class,
                CommandLine.HelpCommand.class},
        scope = CommandLine.ScopeType.INHERIT,
        footer = {"", "Exit codes: 0 ok, 1 unexpected, 2 usage, 3 not found, 4 no or refused token or role,",
                "5 conflict, 6 stale (the endpoint moved on), 7 refused input, 8 unreachable or 5xx,",
                "10 rollout FAILED, 11 rollout CANCELLED, 12 --wait timed out."})
public final class Inferctl implements Runnable {

    @Mixin
    Session session;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), Path.of("")));
    }

    static int run(String[] args, Map<String, String> env, Path workingDirectory) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Inferctl root = new Inferctl();
        CommandLine commandLine = new CommandLine(root)
                .setOut(out).setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> refusal(e, err))
                .setParameterExceptionHandler((e, args1) -> {
                    err.println("error: " + e.getMessage() + " (" + e.getCommandLine().getCommandSpec().qualifiedName() + " -h shows the usage)");
                    return ExitCode.USAGE;
                });
        root.session.bind(env, workingDirectory, out, err);
        int code = commandLine.execute(args);
        out.flush();
        return code;
    }

    /** A refusal or a failure as one line on standard error, with what to do next; never a stack trace. */
    static int refusal(Exception e, PrintWriter err) {
        if (e instanceof ApiException api) {
            err.println("error: " + api.getMessage() + (api.problem() == null ? "" : nextStep(api)));
            return ExitCode.forStatus(api.status());
        }
        if (e instanceof ConfigException) {
            err.println("error: " + e.getMessage());
            return e.getMessage().startsWith("no token") ? ExitCode.NOT_ALLOWED : ExitCode.USAGE;
        }
        if (e instanceof UnreachableException) {
            err.println("error: " + e.getMessage() + "; is the stack running (bin/local-stack)? check --command-url/--query-url or inferctl context list");
            return ExitCode.UNAVAILABLE;
        }
        err.println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + " (please report it with the command you ran)");
        return ExitCode.ERROR;
    }

    private static String nextStep(ApiException e) {
        String code = e.code() == null ? "" : e.code();
        return switch (code) {
            case "STALE_VERSION" -> " -> the endpoint changed since it was read: inferctl versions NAME shows what changed; run the command again to build on it";
            case "ROLLOUT_IN_PROGRESS" -> " -> wait for it (inferctl rollout status NAME --watch) or cancel it (inferctl cancel NAME)";
            case "NAME_TAKEN" -> " -> pick another name, or inferctl apply -f FILE to change the existing endpoint";
            case "ENDPOINT_NOT_FOUND", "VERSION_NOT_FOUND" -> " -> inferctl endpoints list / inferctl versions NAME show what exists";
            case "UNAUTHENTICATED" -> " -> check the token: inferctl login ... --token-stdin, INFERCTL_TOKEN or --token";
            case "FORBIDDEN" -> " -> this needs another role (delete: admin); use a token that has it";
            case "INVALID_CONFIGURATION", "VALIDATION_FAILED", "MALFORMED_REQUEST" -> " -> fix the setting(s) named and run again; nothing was changed";
            case "COMMAND_TIMEOUT" -> " -> the outcome is unknown: inferctl versions NAME shows whether the change was made";
            default -> "";
        };
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Inferctl.class.getPackage().getImplementationVersion();
            return new String[]{"inferctl " + (version == null ? "(development build)" : version)};
        }
    }
}
