package io.inferctl.console.endpoint;

import io.inferctl.console.api.ApiViews.Change;

import java.util.List;

/** One setting that differs, with both values as pages show them. */
public record ConfigChange(Setting setting, Object from, Object to) {

    /** The API's changes of the settings the console knows, in the API's order. */
    public static List<ConfigChange> of(List<Change> changes) {
        return changes.stream()
                .flatMap(c -> Setting.byPath(c.field()).map(s -> new ConfigChange(s, Setting.plain(c.from()),
                        Setting.plain(c.to()))).stream())
                .toList();
    }

    public String fromText() {
        return SettingValues.display(from);
    }

    public String toText() {
        return SettingValues.display(to);
    }
}
