package io.inferctl.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.inferctl.simulator.store.Json;
import org.junit.jupiter.api.Test;

class SimulatedEngineTest {

    private final SimulatedEngine engine = new SimulatedEngine(ModelCatalog.defaults());

    @Test
    void flagsWithSeparateValuesParseLikeInlineOnes() {
        var container = Json.parse("""
                {"env":[{"name":"MODEL_SOURCE","value":"hf://google/gemma-2-9b-it"}],
                 "args":["--max-context-length","8192","--max-input-length","4096","--tokenizer-skip-special-tokens"]}""");

        assertThat(engine.parseArguments(container)).isEmpty();
        assertThat(engine.downloadModel(container)).isEmpty();
        assertThat(engine.initialise(container)).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithTheFlagNamed() {
        var container = Json.parse("""
                {"env":[{"name":"MODEL_SOURCE","value":"hf://google/gemma-2-9b-it"}],"args":["--max-batch-size=many"]}""");

        assertThat(engine.parseArguments(container)).hasValueSatisfying(f -> {
            assertThat(f.exitCode()).isEqualTo(EngineContract.EXIT_INVALID_ARGUMENT);
            assertThat(f.message()).isEqualTo(
                    "InvalidEngineArgument: --max-batch-size: invalid value 'many': must be a positive integer");
        });
    }

    @Test
    void aRevisionTheCatalogDoesNotListIsNotFound() {
        var catalog = ModelCatalog.defaults().with(new ModelCatalog.Model("hf://org/pinned", 4096,
                java.util.Set.of("v1")));
        var container = Json.parse("""
                {"env":[{"name":"MODEL_SOURCE","value":"hf://org/pinned"},{"name":"MODEL_REVISION","value":"v2"}]}""");

        assertThat(new SimulatedEngine(catalog).downloadModel(container)).hasValueSatisfying(f ->
                assertThat(f.message()).isEqualTo("ModelNotFound: revision v2 of hf://org/pinned was not found"));
    }
}
