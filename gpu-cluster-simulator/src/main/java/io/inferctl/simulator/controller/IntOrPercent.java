package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;

/** Resolves an int-or-percent field ({@code 1}, {@code "25%"}) against a total, as maxSurge and maxUnavailable are. */
final class IntOrPercent {

    private IntOrPercent() {
    }

    /** A missing value counts as zero; percentages round up or down as the caller's fencepost needs. */
    static int resolve(JsonNode value, int total, boolean roundUp) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.asInt();
        }
        String text = value.asText().trim();
        if (text.endsWith("%")) {
            double percent = Double.parseDouble(text.substring(0, text.length() - 1));
            double scaled = total * percent / 100.0;
            return (int) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
        }
        return Integer.parseInt(text);
    }
}
