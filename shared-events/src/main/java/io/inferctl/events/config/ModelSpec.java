package io.inferctl.events.config;

/**
 * The model a version serves.
 *
 * @param name     display name of the model, e.g. {@code Llama-3.1-8B-Instruct}
 * @param source   artifact URI: {@code hf://org/model}, {@code s3://bucket/path}, {@code gs://bucket/path}
 *                 or {@code wandb://entity/project/artifact:alias}
 * @param revision optional pinned revision (commit, tag); {@code null} follows the source's default
 */
public record ModelSpec(String name, String source, String revision) {
}
