package io.inferctl.command.webhook.delivery;

/**
 * What a delivery announces, read from its payload.
 *
 * @param source   the artifact as {@code model.source}, e.g. {@code wandb://entity/project/model:v3}
 * @param revision the pinned revision, or {@code null}
 * @param ignored  why the integration's filter skips it, or {@code null} when it is to be served
 */
public record Artifact(String source, String revision, String ignored) {
}
