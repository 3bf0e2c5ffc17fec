package io.inferctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.config.ConfigException;
import io.inferctl.cli.config.Connection;
import io.inferctl.cli.config.ConnectionResolver;
import io.inferctl.cli.output.OutputFormat;
import io.inferctl.cli.output.Printer;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The options every command takes (inherited by each subcommand, so they may stand anywhere on
 * the line) and what they give: the connection, the API client and the printer.
 */
public final class Session {

    static final ObjectMapper JSON = new ObjectMapper();

    // One -o for every command (picocli allows an inherited option once); audit reads it its own way.
    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json or yaml: json and yaml are the APIs' own shapes (audit: table, csv or json). Default: ${DEFAULT-VALUE}")
    String output;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Plain text (also when NO_COLOR is set or the output is not a terminal).")
    boolean noColor;

    @Option(names = "--command-url", scope = ScopeType.INHERIT, paramLabel = "URL", description = "The command API (else INFERCTL_COMMAND_URL, the context, .local/stack.env).")
    String commandUrl;

    @Option(names = "--query-url", scope = ScopeType.INHERIT, paramLabel = "URL", description = "The query API (else INFERCTL_QUERY_URL, the context, .local/stack.env).")
    String queryUrl;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN", description = "API token (else INFERCTL_TOKEN, the context, .local/stack.env's DEPLOYER_TOKEN).")
    String token;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME", description = "A context of the context file (else INFERCTL_CONTEXT, the current one).")
    String context;

    private Map<String, String> env = System.getenv();
    private Path workingDirectory = Path.of("");
    private PrintWriter out;
    private PrintWriter err;
    private ApiClient client;
    private Printer printer;

    void bind(Map<String, String> env, Path workingDirectory, PrintWriter out, PrintWriter err) {
        this.err = err;
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.out = out;
    }

    public ConnectionResolver resolver() {
        return new ConnectionResolver(env, workingDirectory);
    }

    public Connection connection() {
        return resolver().resolve(new ConnectionResolver.Flags(commandUrl, queryUrl, token, context));
    }

    public ApiClient client() {
        if (client == null) {
            client = new ApiClient(connection(), JSON);
        }
        return client;
    }

    public Printer printer() {
        if (printer == null) {
            boolean color = !noColor && !env.containsKey("NO_COLOR") && System.console() != null;
            printer = new Printer(out, err, outputFormat(), color, JSON);
        }
        return printer;
    }

    /** Whether a person watches: then a change follows its rollout unless told not to. */
    public boolean interactive() {
        return System.console() != null;
    }

    public String output() {
        return output;
    }

    public String commandUrl() {
        return commandUrl;
    }

    public String queryUrl() {
        return queryUrl;
    }

    public String contextName() {
        return context;
    }

    private OutputFormat outputFormat() {
        try {
            return OutputFormat.valueOf(output.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("-o " + output + " is not one of table, json, yaml");
        }
    }

    public ObjectMapper json() {
        return JSON;
    }
}
