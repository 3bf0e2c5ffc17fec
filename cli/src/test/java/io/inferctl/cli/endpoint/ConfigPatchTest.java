package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVING = """
            {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct", "revision": null},
             "accelerator": {"type": "NVIDIA_H100", "count": 1},
             "autoscaling": {"minReplicas": 1, "maxReplicas": 2, "cooldownSeconds": 300}}""";

    @Command(name = "set")
    static final class Dummy {
    }

    @Test
    void aDocumentWithTheServingSettingsPatchesNothing() throws Exception {
        JsonNode desired = JSON.readTree("""
                {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct"},
                 "accelerator": {"type": "NVIDIA_H100", "count": 1}, "autoscaling": {"minReplicas": 1, "maxReplicas": 2}}""");

        assertThat(ConfigPatch.differences(desired, JSON.readTree(SERVING))).isEmpty();
    }

    @Test
    void onlyTheSettingsThatDifferAreInThePatchNestedAsInTheConfig() throws Exception {
        JsonNode desired = JSON.readTree("""
                {"model": {"name": "Llama-3.1-8B-Instruct"}, "accelerator": {"type": "NVIDIA_H100", "count": 2},
                 "engine": {"maxBatchSize": 128}}""");

        assertThat(ConfigPatch.differences(desired, JSON.readTree(SERVING)).toString())
                .isEqualTo("{\"accelerator\":{\"count\":2},\"engine\":{\"maxBatchSize\":128}}");
    }

    @Test
    void numbersCompareByValueNotByHowTheyAreWritten() throws Exception {
        JsonNode desired = JSON.readTree("{\"accelerator\": {\"count\": 1.0}}");

        assertThat(ConfigPatch.differences(desired, JSON.readTree(SERVING))).isEmpty();
    }

    @Test
    void anExplicitNullUnsetsOnlyWhatIsSet() throws Exception {
        JsonNode unsetRevision = JSON.readTree("{\"model\": {\"revision\": null}}");
        JsonNode unsetName = JSON.readTree("{\"model\": {\"name\": null}}");

        assertThat(ConfigPatch.differences(unsetRevision, JSON.readTree(SERVING))).isEmpty();
        assertThat(ConfigPatch.differences(unsetName, JSON.readTree(SERVING)).toString()).isEqualTo("{\"model\":{\"name\":null}}");
    }

    @Test
    void assignmentsBecomeAMergePatchWithTypedValues() {
        var patch = ConfigPatch.fromAssignments(List.of("accelerator.count=2", "engine.maxBatchSize=128",
                "engine.tokenizerSkipSpecialTokens=false", "model.revision=null", "model.name=Qwen2.5-7B-Instruct"),
                new CommandLine(new Dummy()));

        assertThat(patch.toString()).isEqualTo("{\"accelerator\":{\"count\":2},\"engine\":{\"maxBatchSize\":128,"
                + "\"tokenizerSkipSpecialTokens\":false},\"model\":{\"revision\":null,\"name\":\"Qwen2.5-7B-Instruct\"}}");
    }

    @Test
    void anAssignmentWithoutGroupSettingAndValueIsAUsageError() {
        CommandLine commandLine = new CommandLine(new Dummy());

        assertThatThrownBy(() -> ConfigPatch.fromAssignments(List.of("count=2"), commandLine))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'count=2' is not group.setting=value");
        assertThatThrownBy(() -> ConfigPatch.fromAssignments(List.of("accelerator.count"), commandLine))
                .isInstanceOf(ParameterException.class);
    }
}
