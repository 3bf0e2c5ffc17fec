package io.inferctl.command.endpoint;

import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The rules every endpoint name and configuration snapshot must satisfy, whichever command
 * produced it (create, merge patch or rollback to an older snapshot under today's catalog), and
 * those of a comment. Which characters text may hold is {@link TextRules}' job.
 */
public class EndpointPolicy {

    private static final String CONFIG = "config.";
    private static final String COMMENT = "comment";
    /** Stands in for the model name when only an artifact's source and revision are checked. */
    private static final String ARTIFACT_PROBE_NAME = "artifact";
    // RFC 1123 label: it becomes a Kubernetes Service name.
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final String REVISION_CHARACTER = "[A-Za-z0-9._/-]";
    private static final Predicate<String> IS_REVISION_CHARACTER = Pattern.compile(REVISION_CHARACTER).asMatchPredicate();

    private final EndpointPolicyProperties properties;
    private final Pattern revisionPattern;
    private final RolloutPolicyRules rolloutRules;

    public EndpointPolicy(EndpointPolicyProperties properties) {
        this.properties = properties;
        this.revisionPattern = Pattern.compile(REVISION_CHARACTER + "{1," + properties.maxModelRevisionLength() + "}");
        this.rolloutRules = new RolloutPolicyRules(properties.rollout());
    }

    /** Values for the settings a create request may leave out. */
    public Map<ConfigField, Object> defaults() {
        EndpointPolicyProperties.Defaults d = properties.defaults();
        Map<ConfigField, Object> defaults = new EnumMap<>(ConfigField.class);
        defaults.put(ConfigField.AUTOSCALING_COOLDOWN_SECONDS, d.cooldownSeconds());
        defaults.put(ConfigField.ENGINE_MAX_BATCH_SIZE, d.maxBatchSize());
        defaults.put(ConfigField.ENGINE_MAX_INPUT_LENGTH, d.maxInputLength());
        defaults.put(ConfigField.ENGINE_MAX_CONTEXT_LENGTH, d.maxContextLength());
        defaults.put(ConfigField.ENGINE_TOKENIZER_SKIP_SPECIAL_TOKENS, d.tokenizerSkipSpecialTokens());
        defaults.put(ConfigField.ENGINE_TOKENIZER_ADD_SPECIAL_TOKENS, d.tokenizerAddSpecialTokens());
        defaults.put(ConfigField.ENGINE_QUEUE_TIMEOUT_MS, d.queueTimeoutMs());
        defaults.putAll(RolloutPolicyRules.defaults());
        return defaults;
    }

    /** The rules of a comment, the same on every command that carries one; {@code null} is no comment. */
    public List<FieldViolation> checkComment(String comment) {
        List<FieldViolation> violations = new ArrayList<>();
        if (comment == null) {
            return violations;
        }
        if (comment.length() > properties.maxCommentLength()) {
            violations.add(new FieldViolation(COMMENT, "must be at most " + properties.maxCommentLength() + " characters"));
        } else {
            TextRules.freeTextProblem(comment).ifPresent(reason -> violations.add(new FieldViolation(COMMENT, reason)));
        }
        return violations;
    }

    /** @throws InvalidEndpointConfigException listing every broken rule */
    public void requireValid(String name, EndpointConfig config) {
        List<FieldViolation> violations = new ArrayList<>(checkName(name));
        violations.addAll(checkConfig(config));
        if (!violations.isEmpty()) {
            throw new InvalidEndpointConfigException(violations);
        }
    }

    /** @throws InvalidEndpointConfigException listing every broken rule */
    public void requireValid(EndpointConfig config) {
        List<FieldViolation> violations = checkConfig(config);
        if (!violations.isEmpty()) {
            throw new InvalidEndpointConfigException(violations);
        }
    }

    public List<FieldViolation> checkName(String name) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<String> text = TextRules.nameProblem(name);
        if (name == null || name.isEmpty()) {
            violations.add(new FieldViolation("name", "is required"));
        } else if (text.isPresent()) {
            violations.add(new FieldViolation("name", text.get()));
        } else if (name.length() > properties.maxNameLength()) {
            violations.add(new FieldViolation("name", "must be at most " + properties.maxNameLength() + " characters"));
        } else if (!DNS_LABEL.matcher(name).matches()) {
            violations.add(new FieldViolation("name",
                    "must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit"));
        }
        return violations;
    }

    public List<FieldViolation> checkConfig(EndpointConfig config) {
        List<FieldViolation> v = new ArrayList<>();
        checkModel(config, v);

        String type = config.accelerator().type();
        if (!properties.acceleratorTypes().contains(type)) {
            v.add(violation(ConfigField.ACCELERATOR_TYPE, "must be one of " + properties.acceleratorTypes()));
        }
        if (!properties.acceleratorCounts().contains(config.accelerator().count())) {
            v.add(violation(ConfigField.ACCELERATOR_COUNT, "must be one of " + properties.acceleratorCounts()));
        }

        int min = config.autoscaling().minReplicas();
        int max = config.autoscaling().maxReplicas();
        if (min < 0) {
            v.add(violation(ConfigField.AUTOSCALING_MIN_REPLICAS, "must be at least 0"));
        }
        if (max < 1 || max > properties.maxReplicas()) {
            v.add(violation(ConfigField.AUTOSCALING_MAX_REPLICAS, "must be between 1 and " + properties.maxReplicas()));
        } else if (max < min) {
            v.add(violation(ConfigField.AUTOSCALING_MAX_REPLICAS, "must be at least minReplicas (" + min + ")"));
        }
        range(v, ConfigField.AUTOSCALING_COOLDOWN_SECONDS, config.autoscaling().cooldownSeconds(),
                0, properties.maxCooldownSeconds());

        checkEngine(config.engine(), v);
        rolloutRules.check(config.rollout(), properties.maxReplicas(), v);
        return v;
    }

    /**
     * The rules of {@code model.source} and {@code model.revision} alone, for an artifact named
     * outside a configuration (a webhook delivery); violations name {@code config.model.*}.
     */
    public List<FieldViolation> checkArtifact(String source, String revision) {
        List<FieldViolation> v = new ArrayList<>();
        checkModel(new EndpointConfig(new ModelSpec(ARTIFACT_PROBE_NAME, source, revision), null, null, null), v);
        return v;
    }

    private void checkModel(EndpointConfig config, List<FieldViolation> v) {
        String name = config.model().name();
        if (name.isEmpty() || name.length() > properties.maxModelNameLength()) {
            v.add(violation(ConfigField.MODEL_NAME, "must be 1 to " + properties.maxModelNameLength() + " characters"));
        } else {
            TextRules.nameProblem(name).ifPresent(reason -> v.add(violation(ConfigField.MODEL_NAME, reason)));
        }
        String source = config.model().source();
        if (source.length() > properties.maxModelSourceLength()) {
            v.add(violation(ConfigField.MODEL_SOURCE, "must be at most " + properties.maxModelSourceLength() + " characters"));
        } else {
            // The URI parser lets unpaired surrogates through and names other bad characters less plainly.
            String problem = TextRules.nameProblem(source).orElseGet(() -> sourceProblem(source));
            if (problem != null) {
                v.add(violation(ConfigField.MODEL_SOURCE, problem));
            }
        }
        String revision = config.model().revision();
        if (revision != null && !revisionPattern.matcher(revision).matches()) {
            String found = TextRules.firstCharacterOutside(revision, c -> IS_REVISION_CHARACTER.test(Character.toString(c)))
                    .map(where -> " (found " + where + ")").orElse("");
            v.add(violation(ConfigField.MODEL_REVISION, "must be null or 1 to " + properties.maxModelRevisionLength() + " characters, each an ASCII letter, "
                    + "a digit, '.', '_', '/' or '-', e.g. main, v1.2 or a commit hash" + found));
        }
    }

    private String sourceProblem(String source) {
        URI uri;
        try {
            uri = new URI(source);
        } catch (URISyntaxException e) {
            return "is not a valid URI: " + e.getReason();
        }
        String scheme = uri.getScheme();
        if (scheme == null || !properties.modelSourceSchemes().contains(scheme)) {
            return "must use one of the schemes " + properties.modelSourceSchemes() + ", e.g. hf://org/model";
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            return "must name the " + switch (scheme) {
                case "s3", "gs" -> "bucket, e.g. " + scheme + "://bucket/path";
                case "wandb" -> "entity, e.g. wandb://entity/project/artifact:v3";
                default -> "organization or model, e.g. hf://org/model";
            };
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return switch (scheme) {
            case "s3", "gs" -> path.length() <= 1 ? "must name an object path, e.g. " + scheme + "://bucket/path" : null;
            case "wandb" -> path.matches("/[^/]+/[^/:]+:[^/:]+")
                    ? null : "must look like wandb://entity/project/artifact:alias";
            default -> null;
        };
    }

    private void checkEngine(EngineSettings engine, List<FieldViolation> v) {
        range(v, ConfigField.ENGINE_MAX_BATCH_SIZE, engine.maxBatchSize(), 1, properties.maxBatchSize());
        range(v, ConfigField.ENGINE_MAX_CONTEXT_LENGTH, engine.maxContextLength(), 1, properties.maxContextLength());
        if (range(v, ConfigField.ENGINE_MAX_INPUT_LENGTH, engine.maxInputLength(), 1, properties.maxContextLength())
                && engine.maxInputLength() > engine.maxContextLength()) {
            v.add(violation(ConfigField.ENGINE_MAX_INPUT_LENGTH,
                    "must not exceed maxContextLength (" + engine.maxContextLength() + ")"));
        }
        range(v, ConfigField.ENGINE_QUEUE_TIMEOUT_MS, engine.queueTimeoutMs(), 0, properties.maxQueueTimeoutMs());
    }

    static boolean range(List<FieldViolation> v, ConfigField field, int value, int min, int max) {
        if (value < min || value > max) {
            v.add(violation(field, "must be between " + min + " and " + max));
            return false;
        }
        return true;
    }

    static FieldViolation violation(ConfigField field, String reason) {
        return new FieldViolation(CONFIG + field.path(), reason);
    }
}
