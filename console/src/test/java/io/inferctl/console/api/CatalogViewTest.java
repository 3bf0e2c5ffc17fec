package io.inferctl.console.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.console.api.ApiViews.Catalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogViewTest {

    @Test
    void theCommandApisCatalogGivesEachDefaultByItsSettingPath() throws Exception {
        Catalog catalog = new ObjectMapper()
                // As Spring Boot's mapper, which the console's API clients use: the console reads only what it needs.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readValue("""
                {"acceleratorTypes": ["NVIDIA_H100"], "acceleratorCounts": [1, 2], "modelSourceSchemes": ["hf"],
                 "defaults": {"autoscaling": {"cooldownSeconds": 300},
                              "engine": {"maxBatchSize": 64, "tokenizerSkipSpecialTokens": true},
                              "rollout": {"strategy": "BLUE_GREEN", "canarySteps": null}},
                 "limits": {"maxReplicas": 64}}""", Catalog.class);

        assertThat(catalog.acceleratorCounts()).containsExactly(1, 2);
        assertThat(catalog.defaultsByPath()).containsExactly(
                java.util.Map.entry("autoscaling.cooldownSeconds", "300"),
                java.util.Map.entry("engine.maxBatchSize", "64"),
                java.util.Map.entry("engine.tokenizerSkipSpecialTokens", "true"),
                java.util.Map.entry("rollout.strategy", "BLUE_GREEN"));
    }
}
