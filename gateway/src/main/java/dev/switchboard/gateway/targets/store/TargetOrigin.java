package dev.switchboard.gateway.targets.store;

import java.util.Locale;

/** Which source of truth owns a target. File targets change only when the file changes. */
public enum TargetOrigin {
    FILE,
    API;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TargetOrigin fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
