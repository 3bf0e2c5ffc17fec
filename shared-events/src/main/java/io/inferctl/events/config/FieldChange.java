package io.inferctl.events.config;

/**
 * One setting that differs between two versions.
 *
 * @param field dotted path of the setting, e.g. {@code accelerator.count}
 * @param from  the value before ({@code null} when it was unset)
 * @param to    the value after ({@code null} when it is now unset)
 */
public record FieldChange(String field, Object from, Object to) {
}
