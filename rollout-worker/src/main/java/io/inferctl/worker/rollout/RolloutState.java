package io.inferctl.worker.rollout;

import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;

/**
 * What one rollout remembers between its steps: the saga's stored state. The saga stores it
 * unwrapped, so its JSON is the one sagas had before this class existed and a saga stored by the
 * earlier code reads unchanged ({@code StoredRolloutSagaTest}): rename no field without a migration.
 */
final class RolloutState {

    /**
     * STARTING until the version's objects are applied, ROLLING_OUT while it waits for them and switches
     * traffic, SWITCHED until success is reported, then DRAINING the superseded version (or the end).
     */
    enum Stage { STARTING, ROLLING_OUT, SWITCHED, COMPENSATING, DRAINING }

    /** Why a rollout ends without traffic on its version; {@code CANCELLED_BY_USER} is a cancellation. */
    record Outcome(FailureCode code, String message, String step) {
    }

    private VersionRef version;
    private EndpointConfig config;
    private Integer servingVersion;
    private Stage stage;
    private UndoLog undo = new UndoLog();
    private RolloutPhase reportedPhase;
    private String lastSeen;
    private String readinessCheck;
    private String rolloutDeadline;
    private Outcome outcome;

    /** For a saga read from the store. */
    RolloutState() {
    }

    RolloutState(EndpointVersionCreated created) {
        version = new VersionRef(created.endpointId(), created.name(), created.version());
        config = created.config();
        servingVersion = created.currentVersion();
        stage = Stage.STARTING;
    }

    VersionRef version() {
        return version;
    }

    EndpointConfig config() {
        return config;
    }

    /** The version traffic is on while this one rolls out; null for an endpoint's first version. */
    Integer servingVersion() {
        return servingVersion;
    }

    /**
     * Replicas the rollout waits for: the minimum, but at least one, so that a scale-to-zero version
     * proves it can start before it takes traffic.
     */
    int replicas() {
        return Math.max(1, config.autoscaling().minReplicas());
    }

    boolean at(Stage expected) {
        return stage == expected;
    }

    boolean rollingOut() {
        return stage == Stage.STARTING || stage == Stage.ROLLING_OUT;
    }

    void moveTo(Stage next) {
        stage = next;
    }

    UndoLog undo() {
        return undo;
    }

    /** Each phase is reported once: a look that finds the pods where they were reports nothing. */
    boolean isNewPhase(RolloutPhase phase) {
        return phase != null && phase != reportedPhase;
    }

    void phaseReported(RolloutPhase phase) {
        reportedPhase = phase;
    }

    /** What the last look at the pods saw, for the message of a rollout that times out. */
    String lastSeen() {
        return lastSeen;
    }

    void seen(String message) {
        lastSeen = message;
    }

    /** The pending periodic readiness check, null when none is scheduled. */
    String readinessCheck() {
        return readinessCheck;
    }

    void readinessCheck(String deadlineId) {
        readinessCheck = deadlineId;
    }

    /** The pending rollout deadline, null once traffic switched or the rollout stopped. */
    String rolloutDeadline() {
        return rolloutDeadline;
    }

    void rolloutDeadline(String deadlineId) {
        rolloutDeadline = deadlineId;
    }

    Outcome outcome() {
        return outcome;
    }

    /** The rollout stops for this reason: nothing is waited for any more, only undone. */
    void stop(Outcome why) {
        stage = Stage.COMPENSATING;
        outcome = why;
        readinessCheck = null;
        rolloutDeadline = null;
    }
}
