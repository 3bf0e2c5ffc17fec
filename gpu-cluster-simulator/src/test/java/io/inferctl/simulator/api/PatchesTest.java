package io.inferctl.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import org.junit.jupiter.api.Test;

class PatchesTest {

    @Test
    void applyDropsWhatTheSameManagerNoLongerAppliesAndKeepsWhatOthersSet() {
        ObjectNode current = Json.parse("""
                {"spec":{"selector":{"app":"llama","version":"1"},"clusterIP":"10.96.0.5"},"status":{"loadBalancer":{}}}""");
        ObjectNode previous = Json.parse("{\"spec\":{\"selector\":{\"app\":\"llama\",\"version\":\"1\"}}}");
        ObjectNode applied = Json.parse("{\"spec\":{\"selector\":{\"app\":\"llama\"}}}");

        ObjectNode result = Patches.apply(current, previous, applied);

        assertThat(result.path("spec").path("selector")).isEqualTo(Json.parse("{\"app\":\"llama\"}"));
        assertThat(result.path("spec").path("clusterIP").asText()).isEqualTo("10.96.0.5");
        assertThat(result.has("status")).isTrue();
    }

    @Test
    void strategicMergeMergesContainersByNameAndMergePatchReplacesLists() {
        ObjectNode target = Json.parse("""
                {"containers":[{"name":"engine","image":"a:1","args":["--x=1"]},{"name":"sidecar","image":"s:1"}]}""");
        ObjectNode patch = Json.parse("{\"containers\":[{\"name\":\"engine\",\"image\":\"a:2\"}]}");

        assertThat(Patches.strategicMergePatch(target, patch).path("containers")).hasSize(2);
        assertThat(Patches.strategicMergePatch(target, patch).path("containers").get(0).path("args")).hasSize(1);
        assertThat(Patches.strategicMergePatch(target, patch).path("containers").get(0).path("image").asText())
                .isEqualTo("a:2");
        assertThat(Patches.mergePatch(target, patch).path("containers")).hasSize(1);
    }

    @Test
    void aNullInAMergePatchRemovesTheField() {
        ObjectNode target = Json.parse("{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}");

        assertThat(Patches.mergePatch(target, Json.parse("{\"metadata\":{\"labels\":{\"a\":null}}}"))
                .path("metadata").path("labels")).isEqualTo(Json.parse("{\"b\":\"2\"}"));
    }
}
