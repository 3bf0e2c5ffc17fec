package io.inferctl.query.endpoint;

import io.inferctl.events.config.FieldChange;

import java.util.List;

/**
 * Every setting that differs between two versions of an endpoint.
 *
 * @param changes each differing setting with its value in {@code from} and in {@code to}, in field order
 */
public record DiffView(String endpointId, int from, int to, List<FieldChange> changes) {
}
