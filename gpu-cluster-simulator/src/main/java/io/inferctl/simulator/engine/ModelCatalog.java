package io.inferctl.simulator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model sources the simulated engine can download, each with the longest context it supports.
 * Anything else fails the download with {@link EngineContract#MODEL_NOT_FOUND}.
 */
public record ModelCatalog(List<Model> models) {

    /**
     * @param source           as given in {@code MODEL_SOURCE}
     * @param maxContextLength the model's context window in tokens
     * @param revisions        revisions that exist; empty means any revision is accepted
     */
    public record Model(String source, int maxContextLength, Set<String> revisions) {

        public Model {
            revisions = Set.copyOf(revisions);
        }

        public Model(String source, int maxContextLength) {
            this(source, maxContextLength, Set.of());
        }
    }

    public ModelCatalog {
        models = List.copyOf(models);
    }

    /** A few well-known open models, an S3 fine-tune and a W&amp;B artifact. */
    public static ModelCatalog defaults() {
        return new ModelCatalog(List.of(
                new Model("hf://meta-llama/Llama-3.1-8B-Instruct", 131_072),
                new Model("hf://meta-llama/Llama-3.1-70B-Instruct", 131_072),
                new Model("hf://mistralai/Mistral-7B-Instruct-v0.3", 32_768),
                new Model("hf://Qwen/Qwen2.5-7B-Instruct", 32_768),
                new Model("hf://google/gemma-2-9b-it", 8_192),
                new Model("s3://inferctl-models/llama-3.1-8b-support-finetune", 8_192),
                new Model("wandb://inferctl/models/llama-chat:v3", 8_192)));
    }

    public Optional<Model> find(String source) {
        return models.stream().filter(m -> m.source().equals(source)).findFirst();
    }

    public ModelCatalog with(Model model) {
        List<Model> copy = new ArrayList<>(models);
        copy.removeIf(m -> m.source().equals(model.source()));
        copy.add(model);
        return new ModelCatalog(copy);
    }

    /**
     * Reads a catalog file, JSON or YAML:
     * {@code {"models": [{"source": "hf://org/model", "maxContextLength": 8192, "revisions": ["main"]}]}}.
     */
    public static ModelCatalog read(Path file) throws IOException {
        JsonNode root = Json.YAML.readTree(Files.readString(file));
        List<Model> models = new ArrayList<>();
        for (JsonNode model : root.path("models")) {
            Set<String> revisions = new TreeSet<>();
            model.path("revisions").forEach(r -> revisions.add(r.asText()));
            String source = model.path("source").asText("");
            int maxContext = model.path("maxContextLength").asInt(0);
            if (source.isEmpty() || maxContext <= 0) {
                throw new IllegalArgumentException("each model needs a source and a positive maxContextLength: " + model);
            }
            models.add(new Model(source, maxContext, revisions));
        }
        return new ModelCatalog(models);
    }
}
