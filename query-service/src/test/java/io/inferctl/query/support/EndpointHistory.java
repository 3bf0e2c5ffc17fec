package io.inferctl.query.support;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.stream.StreamedEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events of one endpoint as the command side would produce them: consecutive sequences,
 * consistent versions, one second apart. Synthetic, so tests can build long or unusual histories
 * quickly, yet each event is exactly the contract's record.
 */
public final class EndpointHistory {

    public static final String ALICE = "alice@example.com";
    public static final String WORKER = "rollout-worker";

    public static final EndpointConfig BASE_CONFIG = new EndpointConfig(
            new ModelSpec("Llama-3.1-8B-Instruct", "hf://meta-llama/Llama-3.1-8B-Instruct", null),
            new AcceleratorSpec("NVIDIA_H100", 1),
            new AutoscalingSpec(1, 2, 300),
            new EngineSettings(64, 4096, 8192, true, false, 30000));

    private final String endpointId;
    private final String name;
    private final Instant start;
    private final List<StreamedEvent> events = new ArrayList<>();
    private final Map<Integer, EndpointConfig> configs = new HashMap<>();
    private Integer current;
    private int latest = -1;
    private String actor = ALICE;

    private EndpointHistory(String endpointId, String name, Instant start) {
        this.endpointId = endpointId;
        this.name = name;
        this.start = start;
    }

    public static EndpointHistory of(String name) {
        return new EndpointHistory(UUID.randomUUID().toString(), name,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600));
    }

    public static EndpointHistory of(String name, Instant start) {
        return new EndpointHistory(UUID.randomUUID().toString(), name, start);
    }

    public EndpointHistory created() {
        return created(BASE_CONFIG, "first deploy");
    }

    public EndpointHistory created(EndpointConfig config, String comment) {
        return version(VersionOrigin.CREATE, null, config, comment, actor);
    }

    public EndpointHistory updated(Map<ConfigField, Object> settings, String comment) {
        return version(VersionOrigin.UPDATE, null, configs.get(latest).with(settings), comment, actor);
    }

    public EndpointHistory rolledBack(int target, String comment) {
        return version(VersionOrigin.ROLLBACK, target, configs.get(target), comment, actor);
    }

    /** Who creates the versions from here on ({@link #ALICE} until this is called). */
    public EndpointHistory actingAs(String actor) {
        this.actor = actor;
        return this;
    }

    public EndpointHistory started() {
        return add(new RolloutStarted(endpointId, latest, WORKER, next()));
    }

    public EndpointHistory progressed(RolloutPhase phase) {
        return add(new RolloutProgressed(endpointId, latest, phase, "entering " + phase, WORKER, next(), null));
    }

    /** A canary step: the latest version gets {@code percent}% of traffic. */
    public EndpointHistory canaryStep(int percent) {
        return add(new RolloutProgressed(endpointId, latest, RolloutPhase.CANARY, percent + "% of traffic", WORKER,
                next(), percent));
    }

    public EndpointHistory canaryPromotionRequested(String comment) {
        return add(new io.inferctl.events.CanaryPromotionRequested(endpointId, latest, ALICE, comment, next()));
    }

    public EndpointHistory succeeded() {
        Integer superseded = current;
        current = latest;
        return add(new RolloutSucceeded(endpointId, latest, superseded, WORKER, next()));
    }

    /** started, then succeeded: the shortest way to make the latest version serve. */
    public EndpointHistory served() {
        return started().succeeded();
    }

    public EndpointHistory failed(FailureCode code, String message, String step) {
        return add(new RolloutFailed(endpointId, latest, code.category(), code, message, step, WORKER, next(), current));
    }

    public EndpointHistory cancellationRequested(String comment) {
        return add(new RolloutCancellationRequested(endpointId, latest, ALICE, comment, next()));
    }

    public EndpointHistory cancelled() {
        return add(new RolloutCancelled(endpointId, latest, ALICE, WORKER, next(), current));
    }

    /** The worker keeps {@code version} warm on one replica for 30 minutes from now. */
    public EndpointHistory standbyStarted(int version) {
        Instant at = next();
        return add(new io.inferctl.events.VersionStandbyStarted(endpointId, version, 1, at.plusSeconds(1800), WORKER, at));
    }

    public EndpointHistory standbyEnded(int version, io.inferctl.events.standby.StandbyEndReason reason) {
        return add(new io.inferctl.events.VersionStandbyEnded(endpointId, version, reason, "test", WORKER, next()));
    }

    public EndpointHistory deleted(String comment) {
        return add(new EndpointDeleted(endpointId, name, "admin@example.com", next(), comment));
    }

    private EndpointHistory version(VersionOrigin origin, Integer rollbackOf, EndpointConfig config, String comment,
                                    String by) {
        EndpointConfig previous = latest < 0 ? null : configs.get(latest);
        latest++;
        configs.put(latest, config);
        return add(new EndpointVersionCreated(endpointId, name, latest, origin, rollbackOf, config,
                config.changesFrom(previous), by, next(), comment, current));
    }

    private Instant next() {
        return start.plusSeconds(events.size());
    }

    private EndpointHistory add(EndpointEvent event) {
        long sequence = events.size();
        events.add(new StreamedEvent(UUID.randomUUID().toString(), endpointId, sequence, start.plusSeconds(sequence),
                event));
        return this;
    }

    public String endpointId() {
        return endpointId;
    }

    public String name() {
        return name;
    }

    public List<StreamedEvent> events() {
        return List.copyOf(events);
    }

    public long lastSequence() {
        return events.size() - 1;
    }

    public int latestVersion() {
        return latest;
    }
}
