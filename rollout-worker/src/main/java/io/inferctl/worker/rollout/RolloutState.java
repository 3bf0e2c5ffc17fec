package io.inferctl.worker.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
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
     * traffic, CANARY while a canary's steps run, BAKING while the version is watched at full traffic,
     * SWITCHED until success is reported, then DRAINING the superseded version (or the end).
     */
    enum Stage { STARTING, ROLLING_OUT, SWITCHED, COMPENSATING, DRAINING, STANDBY, CANARY, BAKING }

    /**
     * A warm Deployment this version takes over instead of starting its own: the one serving (when
     * only the rollout policy changed) or a superseded one kept warm.
     *
     * @param deployment the version the Deployment was made for
     * @param warmAs     the version it was kept warm for ({@code null} when it serves), told its standby ended
     * @param replicas   its replicas while warm, to put back if this rollout stops
     * @param warmUntil  its standby window, to put back if this rollout stops
     */
    record Reuse(int deployment, Integer warmAs, int replicas, java.time.Instant warmUntil) {
    }

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
    // Left out while unset, so a saga that never met warm standbys is stored in the shape it had before them.
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private boolean placed;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Integer servedDeployment;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Reuse reuse;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private java.time.Instant standbyUntil;
    // A canary's progress, left out of sagas that never ran one.
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Integer canaryStep;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private boolean stepTimeUp;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private boolean healthySeen;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private boolean healthLooking;

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

    /** Whether the start looked at the cluster for a Deployment to reuse; it looks once. */
    boolean placed() {
        return placed;
    }

    void place(Integer served, Reuse reused) {
        placed = true;
        servedDeployment = served;
        reuse = reused;
    }

    Reuse reuse() {
        return reuse;
    }

    /** Whether the version runs on the Deployment that already serves: nothing to apply, nothing to supersede. */
    boolean reusesServing() {
        return reuse != null && reuse.warmAs() == null;
    }

    /** The Deployment this version runs on: its own, or the one it reuses. */
    VersionRef deployment() {
        return reuse == null ? version : version.withVersion(reuse.deployment());
    }

    /**
     * The Deployment that served when this rollout started, which the switch supersedes; a saga
     * stored before the Service was read at the start takes the serving version's own.
     */
    Integer supersededDeployment() {
        return servedDeployment != null ? servedDeployment : servingVersion;
    }

    /** The superseded version's standby window, once decided: a step run again reports the same one. */
    java.time.Instant standbyUntil() {
        return standbyUntil;
    }

    void standbyUntil(java.time.Instant until) {
        standbyUntil = until;
    }

    boolean at(Stage expected) {
        return stage == expected;
    }

    boolean rollingOut() {
        return stage == Stage.STARTING || stage == Stage.ROLLING_OUT;
    }

    /** In a canary step or baking: traffic is (partly) on the version, success not yet reported. */
    boolean watched() {
        return stage == Stage.CANARY || stage == Stage.BAKING;
    }

    /** The canary step in force (0 for the first), null before a canary began or without one. */
    Integer canaryStep() {
        return canaryStep;
    }

    /** A canary step begins: its time is not up and no health look was healthy in it yet. */
    void canaryStep(int step) {
        canaryStep = step;
        stepTimeUp = false;
        healthySeen = false;
    }

    boolean stepTimeUp() {
        return stepTimeUp;
    }

    void stepTimeIsUp() {
        stepTimeUp = true;
    }

    boolean healthySeen() {
        return healthySeen;
    }

    void sawHealthy() {
        healthySeen = true;
    }

    /** Whether health looks are scheduled: one chain of them runs through the canary and the bake. */
    boolean healthLooking() {
        return healthLooking;
    }

    void healthLooking(boolean looking) {
        healthLooking = looking;
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
