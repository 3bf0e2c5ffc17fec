package io.inferctl.cli.context;

import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.config.ConfigException;
import io.inferctl.cli.config.Connection;
import io.inferctl.cli.config.ConnectionResolver;
import io.inferctl.cli.config.ContextFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

@Command(name = "login", description = {"inferctl login --command-url URL --query-url URL --token-stdin [--context NAME]:",
        "save a context (APIs and token; named default unless --context) in the context file and make it the current one.",
        "The token is read from standard input, so it stays out of the shell's history and the process list;",
        "it is checked against the query API before it is saved."})
public final class LoginCommand extends SessionCommand {

    @Option(names = "--token-stdin", required = true, description = "Read the token from standard input.")
    boolean tokenStdin;

    private static final String DEFAULT_CONTEXT = "default";

    @Override
    public Integer call() throws IOException {
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (token == null || token.isBlank()) {
            throw new ConfigException("no token on standard input: echo \"$TOKEN\" | inferctl login ... --token-stdin");
        }
        token = token.strip();
        String commandUrl = session().commandUrl();
        String queryUrl = session().queryUrl();
        if (commandUrl == null || queryUrl == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "login needs --command-url URL and --query-url URL");
        }
        String name = session().contextName() == null ? DEFAULT_CONTEXT : session().contextName();
        Connection connection = new ConnectionResolver(Map.of(), java.nio.file.Path.of("/"))
                .resolve(new ConnectionResolver.Flags(commandUrl, queryUrl, token, null));
        new ApiClient(connection, session().json()).query("/v1/endpoints", Map.of("limit", 1));
        ContextFile file = session().resolver().contextFile();
        file.save(new ContextFile.Context(name, connection.commandUrl().toString(), connection.queryUrl().toString(), token));
        session().printer().line("logged in: context " + name + " (" + connection.commandUrl() + ", " + connection.queryUrl()
                + ") saved in " + file.path());
        return ExitCode.OK;
    }
}
