package io.inferctl.console.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigFormTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode v0() throws Exception {
        return json.readTree("""
                {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct", "revision": null},
                 "accelerator": {"type": "NVIDIA_H100", "count": 1},
                 "autoscaling": {"minReplicas": 1, "maxReplicas": 2, "cooldownSeconds": 300},
                 "engine": {"maxBatchSize": 64, "maxInputLength": 4096, "maxContextLength": 8192,
                            "tokenizerSkipSpecialTokens": true, "tokenizerAddSpecialTokens": false, "queueTimeoutMs": 30000}}
                """);
    }

    @Test
    void aFormFilledWithAVersionAndSentUnchangedChangesNothing() throws Exception {
        ConfigForm form = ConfigForm.filledWith(v0());

        assertThat(form.changesFrom(v0())).isEmpty();
    }

    @Test
    void thePreviewListsExactlyTheEditedSettingsWithOldAndNewValues() throws Exception {
        ConfigForm form = ConfigForm.filledWith(v0())
                .with("accelerator.count", "2")
                .with("engine.tokenizerAddSpecialTokens", "true")
                .with("model.revision", "main");

        List<ConfigChange> changes = form.changesFrom(v0());

        assertThat(changes).extracting(c -> c.setting().path(), ConfigChange::fromText, ConfigChange::toText)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("model.revision", "(not set)", "main"),
                        org.assertj.core.groups.Tuple.tuple("accelerator.count", "1", "2"),
                        org.assertj.core.groups.Tuple.tuple("engine.tokenizerAddSpecialTokens", "false", "true"));
    }

    @Test
    void theMergePatchCarriesOnlyTheChangesTypedAsTheApiExpects() throws Exception {
        ConfigForm form = ConfigForm.filledWith(v0()).with("accelerator.count", "2").with("comment", "more GPUs");

        ObjectNode patch = form.mergePatch(form.changesFrom(v0()), json);

        assertThat(patch.toString()).isEqualTo("{\"config\":{\"accelerator\":{\"count\":2}},\"comment\":\"more GPUs\"}");
    }

    @Test
    void anEmptyRevisionUnsetsItWhileAnEmptyRequiredSettingKeepsItsValue() throws Exception {
        JsonNode pinned = v0();
        ((ObjectNode) pinned.get("model")).put("revision", "abc123");
        ConfigForm form = ConfigForm.filledWith(pinned).with("model.revision", "").with("engine.maxBatchSize", "");

        ObjectNode patch = form.mergePatch(form.changesFrom(pinned), json);

        assertThat(patch.toString()).isEqualTo("{\"config\":{\"model\":{\"revision\":null}}}");
    }

    @Test
    void textThatIsNotANumberGoesToTheApiAsTextForItToNameTheField() throws Exception {
        ConfigForm form = ConfigForm.filledWith(v0()).with("engine.maxBatchSize", "lots");

        ObjectNode patch = form.mergePatch(form.changesFrom(v0()), json);

        assertThat(patch.at("/config/engine/maxBatchSize").isTextual()).isTrue();
    }

    @Test
    void aCreateBodyLeavesOutEmptySettingsSoTheApiAppliesItsDefaults() {
        ConfigForm form = ConfigForm.submitted(Map.of("name", " llama-chat ", "model.name", "m",
                "model.source", "hf://org/m", "accelerator.type", "NVIDIA_H100", "accelerator.count", "1",
                "autoscaling.minReplicas", "1", "autoscaling.maxReplicas", "2", "engine.maxBatchSize", "",
                "idempotencyKey", "k"));

        ObjectNode body = form.createBody(json);

        assertThat(body.get("name").asText()).isEqualTo("llama-chat");
        assertThat(body.at("/config/engine").isMissingNode()).isTrue();
        assertThat(body.at("/config/autoscaling/maxReplicas").asLong()).isEqualTo(2);
        assertThat(body.has("idempotencyKey")).isFalse();
    }

    @Test
    void aRolloutPolicyChangeIsPatchedInItsOwnSection() throws Exception {
        JsonNode withPolicy = v0();
        ((ObjectNode) withPolicy).set("rollout", json.readTree("""
                {"strategy": "BLUE_GREEN", "canarySteps": null, "bakeSeconds": 0, "warmStandbySeconds": 1800,
                 "standbyReplicas": 1, "maxErrorRatePercent": 5, "maxP99LatencyMs": 0}"""));
        ConfigForm form = ConfigForm.filledWith(withPolicy)
                .with("rollout.strategy", "CANARY").with("rollout.canarySteps", "10%:5m,50%:5m")
                .with("rollout.warmStandbySeconds", "0");

        List<ConfigChange> changes = form.changesFrom(withPolicy);

        assertThat(changes).extracting(c -> c.setting().group()).containsOnly("Rollout policy");
        assertThat(form.mergePatch(changes, json).toString()).isEqualTo("{\"config\":{\"rollout\":"
                + "{\"strategy\":\"CANARY\",\"canarySteps\":\"10%:5m,50%:5m\",\"warmStandbySeconds\":0}}}");
    }
}
