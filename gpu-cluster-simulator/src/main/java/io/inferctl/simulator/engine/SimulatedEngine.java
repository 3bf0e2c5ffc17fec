package io.inferctl.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The judgement of a simulated inference engine about one container: it parses its arguments when it
 * starts, downloads the model, then checks the settings against what the model supports. Each step
 * answers with the failure a real engine would die of, or nothing.
 */
public final class SimulatedEngine {

    /** Why the engine process exited: its exit code and the message it leaves in the termination log. */
    public record Failure(int exitCode, String message) {
    }

    private static final Set<String> INTEGER_FLAGS = Set.of(EngineContract.FLAG_MAX_BATCH_SIZE,
            EngineContract.FLAG_MAX_INPUT_LENGTH, EngineContract.FLAG_MAX_CONTEXT_LENGTH, EngineContract.FLAG_PORT);
    private static final Set<String> BOOLEAN_FLAGS = Set.of(EngineContract.FLAG_TOKENIZER_SKIP_SPECIAL_TOKENS,
            EngineContract.FLAG_TOKENIZER_ADD_SPECIAL_TOKENS);

    private final ModelCatalog catalog;

    public SimulatedEngine(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether a container runs the engine at all: it does when it names a model source. */
    public static boolean isEngine(JsonNode container) {
        return env(container, EngineContract.ENV_MODEL_SOURCE) != null;
    }

    /** What the argument parser says when the process starts. */
    public Optional<Failure> parseArguments(JsonNode container) {
        Map<String, String> flags;
        try {
            flags = flags(container);
        } catch (IllegalArgumentException e) {
            return Optional.of(invalid(e.getMessage()));
        }
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            String name = flag.getKey();
            String value = flag.getValue();
            if (!EngineContract.FLAGS.contains(name)) {
                return Optional.of(invalid("unrecognized argument: " + name));
            }
            if (INTEGER_FLAGS.contains(name) && !isPositiveInteger(value)) {
                return Optional.of(invalid(name + ": invalid value '" + value + "': must be a positive integer"));
            }
            if (EngineContract.FLAG_QUEUE_TIMEOUT_MS.equals(name) && !isNonNegativeInteger(value)) {
                return Optional.of(invalid(name + ": invalid value '" + value + "': must be a non-negative integer"));
            }
            if (BOOLEAN_FLAGS.contains(name) && !("true".equals(value) || "false".equals(value))) {
                return Optional.of(invalid(name + ": invalid value '" + value + "': must be true or false"));
            }
        }
        String input = flags.get(EngineContract.FLAG_MAX_INPUT_LENGTH);
        String context = flags.get(EngineContract.FLAG_MAX_CONTEXT_LENGTH);
        if (input != null && context != null && Long.parseLong(input) > Long.parseLong(context)) {
            return Optional.of(invalid(EngineContract.FLAG_MAX_INPUT_LENGTH + " (" + input + ") must not exceed "
                    + EngineContract.FLAG_MAX_CONTEXT_LENGTH + " (" + context + ")"));
        }
        return Optional.empty();
    }

    /** What the model download ends with. */
    public Optional<Failure> downloadModel(JsonNode container) {
        String source = env(container, EngineContract.ENV_MODEL_SOURCE);
        String revision = env(container, EngineContract.ENV_MODEL_REVISION);
        Optional<ModelCatalog.Model> model = catalog.find(source);
        if (model.isEmpty()) {
            return Optional.of(new Failure(EngineContract.EXIT_MODEL_NOT_FOUND, EngineContract.MODEL_NOT_FOUND
                    + ": model source " + source + " was not found: the repository answered 404 Not Found"));
        }
        if (revision != null && !revision.isEmpty() && !model.get().revisions().isEmpty()
                && !model.get().revisions().contains(revision)) {
            return Optional.of(new Failure(EngineContract.EXIT_MODEL_NOT_FOUND, EngineContract.MODEL_NOT_FOUND
                    + ": revision " + revision + " of " + source + " was not found"));
        }
        return Optional.empty();
    }

    /** What engine initialisation says once the model's configuration is known. */
    public Optional<Failure> initialise(JsonNode container) {
        String source = env(container, EngineContract.ENV_MODEL_SOURCE);
        Optional<ModelCatalog.Model> model = catalog.find(source);
        String context = flags(container).get(EngineContract.FLAG_MAX_CONTEXT_LENGTH);
        if (model.isPresent() && context != null && Long.parseLong(context) > model.get().maxContextLength()) {
            return Optional.of(new Failure(EngineContract.EXIT_ENGINE_ERROR, EngineContract.INVALID_ENGINE_ARGUMENT + ": "
                    + EngineContract.FLAG_MAX_CONTEXT_LENGTH + " (" + context + ") exceeds the maximum context length of "
                    + source + " (" + model.get().maxContextLength() + ")"));
        }
        return Optional.empty();
    }

    private static Failure invalid(String detail) {
        return new Failure(EngineContract.EXIT_INVALID_ARGUMENT, EngineContract.INVALID_ENGINE_ARGUMENT + ": " + detail);
    }

    /** Flags from {@code args}, in both {@code --flag=value} and {@code --flag value} forms. */
    static Map<String, String> flags(JsonNode container) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> args = new java.util.ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unrecognized argument: " + arg);
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                flags.put(arg.substring(0, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                flags.put(arg, args.get(++i));
            } else {
                flags.put(arg, BOOLEAN_FLAGS.contains(arg) ? "true" : "");
            }
        }
        return flags;
    }

    static String env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env.path("value").asText("");
            }
        }
        return null;
    }

    private static boolean isPositiveInteger(String value) {
        try {
            return Long.parseLong(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isNonNegativeInteger(String value) {
        try {
            return Long.parseLong(value) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
