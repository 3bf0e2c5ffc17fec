package io.inferctl.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config.yaml} under {@code $XDG_CONFIG_HOME/inferctl} (else {@code $HOME/.config/inferctl}):
 * named contexts, each a command URL, a query URL and a token, and the one in use.
 */
public final class ContextFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // The file holds tokens: only its owner may read it, as ssh and kubectl expect of theirs.
    private static final String OWNER_ONLY = "rw-------";

    public record Context(String name, String commandUrl, String queryUrl, String token) {
    }

    public record Contents(@JsonProperty("current-context") String currentContext, List<Context> contexts) {
        public Contents {
            contexts = contexts == null ? List.of() : List.copyOf(contexts);
        }

        public Optional<Context> find(String name) {
            return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    private final Path file;

    public ContextFile(Path file) {
        this.file = file;
    }

    public static ContextFile fromEnvironment(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new ContextFile(base.resolve("inferctl").resolve("config.yaml"));
    }

    public Path path() {
        return file;
    }

    public Contents read() {
        if (!Files.exists(file)) {
            return new Contents(null, List.of());
        }
        try {
            Contents contents = YAML.readValue(file.toFile(), Contents.class);
            return contents == null ? new Contents(null, List.of()) : contents;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage())
                    + "; fix it or remove it and run inferctl login again");
        }
    }

    /** Adds or replaces the context and makes it the current one. */
    public void save(Context context) {
        Contents old = read();
        List<Context> contexts = new ArrayList<>(old.contexts().stream()
                .filter(c -> !c.name().equals(context.name())).toList());
        contexts.add(context);
        write(new Contents(context.name(), contexts));
    }

    public void use(String name) {
        Contents old = read();
        if (old.find(name).isEmpty()) {
            throw new ConfigException("no context named '" + name + "' in " + file + "; inferctl context list shows them");
        }
        write(new Contents(name, old.contexts()));
    }

    private void write(Contents contents) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "config", ".yaml");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection applies
            }
            YAML.writeValue(temporary.toFile(), contents);
            // A half-written file would lose every context: replace it whole.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
