package io.inferctl.worker.support;

import java.util.Map;

/** Settings as command-line arguments: the only property source a service's own yml cannot override. */
final class Arguments {

    private Arguments() {
    }

    static String[] of(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
