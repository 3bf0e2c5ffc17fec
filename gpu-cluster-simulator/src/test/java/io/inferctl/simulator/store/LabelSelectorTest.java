package io.inferctl.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> LABELS = Map.of("inferctl.io/endpoint", "llama", "inferctl.io/version", "2");

    @Test
    void equalityInequalitySetAndExistenceTermsAllMustHold() {
        assertThat(LabelSelector.parse("inferctl.io/endpoint=llama,inferctl.io/version!=1").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("inferctl.io/version in (1, 2),inferctl.io/endpoint").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("inferctl.io/version notin (2)").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("!inferctl.io/endpoint").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("").matches(LABELS)).isTrue();
    }

    @Test
    void aMissingSelectorObjectSelectsNothingAndAnEmptyServiceSelectorToo() {
        assertThat(LabelSelector.fromObject(null).matches(LABELS)).isFalse();
        assertThat(LabelSelector.fromMap(Map.of()).matches(LABELS)).isFalse();
        assertThat(LabelSelector.fromObject(Json.parse("""
                {"matchExpressions":[{"key":"inferctl.io/version","operator":"In","values":["2"]}]}""")).matches(LABELS))
                .isTrue();
    }
}
