package io.inferctl.worker.support;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.RunningCommandService;
import io.inferctl.command.support.Tokens;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command API as a user calls it, and the command side's event store as the truth of what was
 * recorded: outcomes are counted there, not trusted from an answer.
 */
public final class CommandSide {

    private final Api api;
    private final EventStore events;

    public CommandSide(RunningCommandService commands) {
        this.api = new Api(URI.create(commands.url()).getPort());
        this.events = new EventStore(commands.context().getBean(JdbcClient.class));
    }

    public Api api() {
        return api;
    }

    /**
     * A valid configuration: Llama 3.1 8B on one H100 per replica, 1..2 replicas, and no warm standby:
     * the superseded version is removed after the drain delay, which is what most tests here look at
     * ({@link #warmConfig()} keeps it warm).
     */
    public static Map<String, Object> config() {
        Map<String, Object> config = warmConfig();
        config.put("rollout", Map.of("warmStandbySeconds", 0));
        return config;
    }

    /** {@link #config()} with the default rollout policy: a superseded version stays warm for 30 minutes. */
    public static Map<String, Object> warmConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", Map.of("name", "Llama-3.1-8B-Instruct", "source", "hf://meta-llama/Llama-3.1-8B-Instruct"));
        config.put("accelerator", Map.of("type", "NVIDIA_H100", "count", 1));
        config.put("autoscaling", Map.of("minReplicas", 1, "maxReplicas", 2));
        return config;
    }

    public static Map<String, Object> with(Map<String, Object> config, String section, Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        Map<String, Object> merged = new HashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> existing = (Map<String, Object>) copy.get(section);
        if (existing != null) {
            merged.putAll(existing);
        }
        merged.putAll(values);
        copy.put(section, merged);
        return copy;
    }

    /** Creates an endpoint as alice; returns its id. */
    public String create(String name, Map<String, Object> config) {
        Api.Response response = api.post("/v1/endpoints").as(Tokens.ALICE)
                .json(Map.of("name", name, "config", config, "comment", "test")).send();
        if (response.status() != 201) {
            throw new AssertionError("create failed: " + response);
        }
        return response.body().get("endpointId").asText();
    }

    /** Patches the configuration; returns the new version. */
    public int update(String endpointId, Map<String, Object> configPatch) {
        Api.Response response = api.patch("/v1/endpoints/" + endpointId).as(Tokens.ALICE)
                .contentType("application/merge-patch+json").json(Map.of("config", configPatch)).send();
        if (response.status() != 202) {
            throw new AssertionError("update failed: " + response);
        }
        return response.body().get("version").asInt();
    }

    public int rollBack(String endpointId, int target) {
        Api.Response response = api.post("/v1/endpoints/" + endpointId + "/rollback").as(Tokens.ALICE)
                .json(Map.of("targetVersion", target, "comment", "back")).send();
        if (response.status() != 202) {
            throw new AssertionError("rollback failed: " + response);
        }
        return response.body().get("version").asInt();
    }

    public void cancel(String endpointId, int version) {
        Api.Response response = api.post("/v1/endpoints/" + endpointId + "/versions/" + version + "/cancel")
                .as(Tokens.ALICE).json(Map.of("comment", "not now")).send();
        if (response.status() / 100 != 2) {
            throw new AssertionError("cancel failed: " + response);
        }
    }

    /** Promotes a version in canary or baking (POST .../canary/promote), or aborts it (.../canary/abort). */
    public void canary(String endpointId, int version, String decision) {
        Api.Response response = api.post("/v1/endpoints/" + endpointId + "/versions/" + version + "/canary/" + decision)
                .as(Tokens.ALICE).json(Map.of("comment", decision + " by the test")).send();
        if (response.status() != 202) {
            throw new AssertionError(decision + " failed: " + response);
        }
    }

    /** Deletes the endpoint as the admin; its objects are to leave the cluster. */
    public void delete(String endpointId) {
        Api.Response response = api.delete("/v1/endpoints/" + endpointId + "?comment=test-done").as(Tokens.ADMIN).send();
        if (response.status() / 100 != 2) {
            throw new AssertionError("delete failed: " + response);
        }
    }

    public List<EventStore.StoredEvent> events(String endpointId) {
        return events.eventsOf(endpointId);
    }

    /** Outcome events (succeeded, failed, cancelled) recorded for one version. */
    public List<EventStore.StoredEvent> outcomes(String endpointId, int version) {
        return events(endpointId).stream()
                .filter(e -> List.of("RolloutSucceeded", "RolloutFailed", "RolloutCancelled").contains(e.simpleType()))
                .filter(e -> e.payload().get("version").asInt() == version)
                .toList();
    }

    /** The single outcome of the version, or null while there is none. */
    public EventStore.StoredEvent outcome(String endpointId, int version) {
        List<EventStore.StoredEvent> outcomes = outcomes(endpointId, version);
        return outcomes.isEmpty() ? null : outcomes.get(0);
    }

    public List<String> phases(String endpointId, int version) {
        return events(endpointId).stream()
                .filter(e -> e.simpleType().equals("RolloutProgressed") && e.payload().get("version").asInt() == version)
                .map(e -> e.payload().get("phase").asText())
                .toList();
    }
}
