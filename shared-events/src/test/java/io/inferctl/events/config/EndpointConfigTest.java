package io.inferctl.events.config;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointConfigTest {

    private static final EndpointConfig V0 = new EndpointConfig(
            new ModelSpec("Llama-3.1-8B-Instruct", "hf://meta-llama/Llama-3.1-8B-Instruct", "main"),
            new AcceleratorSpec("NVIDIA_H100", 1),
            new AutoscalingSpec(1, 2, 300),
            new EngineSettings(64, 4096, 8192, true, false, 30000));

    @Test
    void valuesAndFromValuesAreInverse() {
        assertThat(EndpointConfig.fromValues(V0.values())).isEqualTo(V0);
        assertThat(V0.values()).hasSize(ConfigField.values().length);
    }

    @Test
    void withReplacesOnlyTheAssignedSettings() {
        EndpointConfig v1 = V0.with(Map.of(ConfigField.ACCELERATOR_COUNT, 2));

        assertThat(v1.accelerator()).isEqualTo(new AcceleratorSpec("NVIDIA_H100", 2));
        assertThat(v1.model()).isEqualTo(V0.model());
        assertThat(v1.engine()).isEqualTo(V0.engine());
    }

    @Test
    void nullUnsetsAnOptionalSetting() {
        Map<ConfigField, Object> assignments = new EnumMap<>(ConfigField.class);
        assignments.put(ConfigField.MODEL_REVISION, null);

        assertThat(V0.with(assignments).model().revision()).isNull();
    }

    @Test
    void nullForARequiredSettingIsRefused() {
        Map<ConfigField, Object> assignments = new EnumMap<>(ConfigField.class);
        assignments.put(ConfigField.MODEL_SOURCE, null);

        assertThatThrownBy(() -> V0.with(assignments)).hasMessageContaining("model.source");
    }

    @Test
    void changesListEveryDifferingFieldInContractOrder() {
        EndpointConfig v1 = V0.with(Map.of(
                ConfigField.ENGINE_MAX_BATCH_SIZE, 128,
                ConfigField.ACCELERATOR_TYPE, "NVIDIA_B200"));

        assertThat(v1.changesFrom(V0)).containsExactly(
                new FieldChange("accelerator.type", "NVIDIA_H100", "NVIDIA_B200"),
                new FieldChange("engine.maxBatchSize", 64, 128));
    }

    @Test
    void identicalSnapshotsHaveNoChanges() {
        assertThat(V0.with(Map.of(ConfigField.ACCELERATOR_COUNT, 1)).changesFrom(V0)).isEmpty();
    }

    @Test
    void theFirstVersionChangesEverySettingThatIsSet() {
        assertThat(V0.changesFrom(null)).hasSize(ConfigField.values().length - 1) // rollout.canarySteps is unset
                .noneMatch(change -> change.field().equals("rollout.canarySteps"));
    }

    @Test
    void aSnapshotWrittenBeforeTheRolloutSectionReadsAsTheDefaultPolicy() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var stored = (com.fasterxml.jackson.databind.node.ObjectNode) json.valueToTree(V0);
        stored.remove("rollout");

        assertThat(json.treeToValue(stored, EndpointConfig.class)).isEqualTo(V0);
        assertThat(V0.rollout()).isEqualTo(RolloutPolicy.DEFAULT);
    }

    @Test
    void aPolicyChangeIsADiffOfItsSettingsAndLeavesTheWorkloadAlone() {
        EndpointConfig v1 = V0.with(Map.of(ConfigField.ROLLOUT_WARM_STANDBY_SECONDS, 0,
                ConfigField.ROLLOUT_CANARY_STEPS, "10%:5m"));

        assertThat(v1.changesFrom(V0)).containsExactly(
                new FieldChange("rollout.canarySteps", null, "10%:5m"),
                new FieldChange("rollout.warmStandbySeconds", 1800, 0));
        assertThat(v1.workload()).isEqualTo(V0.workload());
        assertThat(V0.with(Map.of(ConfigField.ACCELERATOR_COUNT, 2)).workload()).isNotEqualTo(V0.workload());
    }

    @Test
    void fieldsResolveByPathAndSection() {
        assertThat(ConfigField.byPath("autoscaling.cooldownSeconds")).contains(ConfigField.AUTOSCALING_COOLDOWN_SECONDS);
        assertThat(ConfigField.byPath("autoscaling.nope")).isEmpty();
        assertThat(ConfigField.isSection("engine")).isTrue();
        assertThat(ConfigField.isSection("gpu")).isFalse();
        assertThat(ConfigField.ENGINE_QUEUE_TIMEOUT_MS.key()).isEqualTo("queueTimeoutMs");
    }
}
