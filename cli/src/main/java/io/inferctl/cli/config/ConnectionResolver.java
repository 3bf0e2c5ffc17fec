package io.inferctl.cli.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Weighs the sources of settings, each setting on its own, strongest first: command-line flags,
 * {@code INFERCTL_*} environment variables, the current (or named) context of the context file,
 * then {@code .local/stack.env} of a local stack. Flags and the environment win because they are
 * what a CI job or one shell sets for one run; the context file is the user's standing choice; the
 * local stack's file is the zero-set-up fallback on a developer's machine.
 */
public final class ConnectionResolver {

    public static final String STACK_ENV = ".local/stack.env";
    /** The local stack's least-privileged token that can change endpoints (delete needs ADMIN_TOKEN). */
    static final String STACK_TOKEN_KEY = "DEPLOYER_TOKEN";

    public record Flags(String commandUrl, String queryUrl, String token, String context) {
    }

    private final Map<String, String> env;
    private final Path workingDirectory;
    private final ContextFile contextFile;

    public ConnectionResolver(Map<String, String> env, Path workingDirectory) {
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.contextFile = ContextFile.fromEnvironment(env);
    }

    public ContextFile contextFile() {
        return contextFile;
    }

    public Connection resolve(Flags flags) {
        String contextName = first(flags.context(), env.get("INFERCTL_CONTEXT"));
        ContextFile.Contents contents = contextFile.read();
        if (contextName == null) {
            contextName = contents.currentContext();
        } else if (contents.find(contextName).isEmpty()) {
            throw new ConfigException("no context named '" + contextName + "' in " + contextFile.path()
                    + "; inferctl context list shows them");
        }
        ContextFile.Context context = contextName == null ? null : contents.find(contextName).orElse(null);
        Optional<Path> stackFile = stackEnvFile();
        Map<String, String> stack = stackFile.map(ConnectionResolver::readEnvFile).orElse(Map.of());

        String commandUrl = first(flags.commandUrl(), env.get("INFERCTL_COMMAND_URL"),
                context == null ? null : context.commandUrl(), stack.get("COMMAND_URL"));
        String queryUrl = first(flags.queryUrl(), env.get("INFERCTL_QUERY_URL"),
                context == null ? null : context.queryUrl(), stack.get("QUERY_URL"));
        String token = first(flags.token(), env.get("INFERCTL_TOKEN"),
                context == null ? null : context.token(), stack.get(STACK_TOKEN_KEY));
        String source = context != null ? "context " + context.name()
                : stackFile.map(Path::toString).orElse("flags and environment");
        if (commandUrl == null || queryUrl == null) {
            throw new ConfigException("no API address: run bin/local-stack, or inferctl login --command-url URL"
                    + " --query-url URL --token-stdin, or set INFERCTL_COMMAND_URL and INFERCTL_QUERY_URL");
        }
        if (token == null) {
            throw new ConfigException("no token: run inferctl login ... --token-stdin, or set INFERCTL_TOKEN, or pass --token");
        }
        return new Connection(url(commandUrl, "command URL"), url(queryUrl, "query URL"), token, source);
    }

    private Optional<Path> stackEnvFile() {
        String named = env.get("INFERCTL_STACK_ENV");
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(STACK_ENV);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Map<String, String> readEnvFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        values.values().removeIf(String::isEmpty);
        return values;
    }

    private static URI url(String value, String what) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the " + what + " '" + value + "' is not an http(s) URL");
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
