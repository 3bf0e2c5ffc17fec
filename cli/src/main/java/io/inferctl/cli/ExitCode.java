package io.inferctl.cli;

/** The documented exit codes (README, "Exit codes"): stable, so a CI job can gate on them. */
public final class ExitCode {

    public static final int OK = 0;
    /** Something unexpected: a bug or an answer the tool does not understand. */
    public static final int ERROR = 1;
    /** A bad command line: unknown option, missing argument, malformed setting. */
    public static final int USAGE = 2;
    /** No such endpoint or version (404), or it was deleted (410). */
    public static final int NOT_FOUND = 3;
    /** No token, a token the API refuses (401) or a role that may not do this (403). */
    public static final int NOT_ALLOWED = 4;
    /** A conflict (409): another rollout in progress, a name taken. */
    public static final int CONFLICT = 5;
    /** The endpoint moved on since the version read (412 STALE_VERSION). */
    public static final int STALE = 6;
    /** The API refused the request's content (400, 422): an unknown setting, a value out of range. */
    public static final int INVALID = 7;
    /** The API could not be reached or answered 5xx; for a change, its outcome is unknown. */
    public static final int UNAVAILABLE = 8;
    /** The rollout ended FAILED. */
    public static final int ROLLOUT_FAILED = 10;
    /** The rollout ended CANCELLED. */
    public static final int ROLLOUT_CANCELLED = 11;
    /** --wait gave up before the rollout ended; the rollout goes on. */
    public static final int WAIT_TIMEOUT = 12;

    private ExitCode() {
    }

    static int forStatus(int httpStatus) {
        return switch (httpStatus) {
            case 404, 410 -> NOT_FOUND;
            case 401, 403 -> NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 412 -> STALE;
            case 400, 413, 415, 422 -> INVALID;
            default -> httpStatus >= 500 ? UNAVAILABLE : ERROR;
        };
    }
}
