package io.inferctl.events.config;

/**
 * The GPUs each replica gets.
 *
 * @param type  accelerator type from the configured catalog, e.g. {@code NVIDIA_H100}
 * @param count GPUs per replica
 */
public record AcceleratorSpec(String type, int count) {
}
