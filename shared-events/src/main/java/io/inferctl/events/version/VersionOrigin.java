package io.inferctl.events.version;

/** Why a version exists. A {@code ROLLBACK} version also names the version it copied. */
public enum VersionOrigin {
    CREATE,
    UPDATE,
    ROLLBACK,
    WEBHOOK
}
