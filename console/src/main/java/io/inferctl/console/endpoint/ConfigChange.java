package io.inferctl.console.endpoint;

/** One setting that differs, with both values as pages show them. */
public record ConfigChange(Setting setting, Object from, Object to) {

    public String fromText() {
        return SettingValues.display(from);
    }

    public String toText() {
        return SettingValues.display(to);
    }
}
