package io.inferctl.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads Prometheus's text exposition format back into sample name (with labels) to value. */
final class PrometheusText {

    private PrometheusText() {
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String value = line.substring(space + 1);
            samples.put(line.substring(0, space), value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
        }
        return samples;
    }
}
