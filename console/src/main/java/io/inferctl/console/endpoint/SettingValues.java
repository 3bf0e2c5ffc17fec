package io.inferctl.console.endpoint;

/** How a setting's value reads on a page. */
public final class SettingValues {

    static final String UNSET = "(not set)";

    private SettingValues() {
    }

    public static String display(Object value) {
        return value == null ? UNSET : String.valueOf(value);
    }
}
