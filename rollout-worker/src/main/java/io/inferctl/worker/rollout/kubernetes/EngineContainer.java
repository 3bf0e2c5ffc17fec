package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * How the inference engine container learns its model and settings: environment for the model,
 * one {@code --flag=value} argument per engine setting (the engine contract the simulated cluster
 * also implements).
 */
final class EngineContainer {

    static final String ENV_MODEL_NAME = "MODEL_NAME";
    static final String ENV_MODEL_SOURCE = "MODEL_SOURCE";
    static final String ENV_MODEL_REVISION = "MODEL_REVISION";

    private EngineContainer() {
    }

    static List<EnvVar> env(ModelSpec model) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName(ENV_MODEL_NAME).withValue(model.name()).build());
        env.add(new EnvVarBuilder().withName(ENV_MODEL_SOURCE).withValue(model.source()).build());
        if (model.revision() != null) {
            env.add(new EnvVarBuilder().withName(ENV_MODEL_REVISION).withValue(model.revision()).build());
        }
        return env;
    }

    static List<String> args(EndpointConfig config, int port) {
        EngineSettings engine = config.engine();
        return List.of(
                "--max-batch-size=" + engine.maxBatchSize(),
                "--max-input-length=" + engine.maxInputLength(),
                "--max-context-length=" + engine.maxContextLength(),
                "--tokenizer-skip-special-tokens=" + engine.tokenizerSkipSpecialTokens(),
                "--tokenizer-add-special-tokens=" + engine.tokenizerAddSpecialTokens(),
                "--queue-timeout-ms=" + engine.queueTimeoutMs(),
                "--port=" + port);
    }
}
