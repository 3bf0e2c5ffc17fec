package io.inferctl.simulator.engine;

import java.util.List;

/**
 * What an inference container tells the simulated engine, and how the engine answers. A workload
 * generator (the rollout worker) writes these names; the simulated kubelet reads them back; a client
 * classifies failures by the reasons and message prefixes below.
 *
 * <h2>Input</h2>
 * A container is an inference engine when it has the environment variable {@link #ENV_MODEL_SOURCE}.
 * Its settings are container {@code args} of the form {@code --flag=value} (or {@code --flag value}),
 * one of {@link #FLAGS}. Containers without {@code MODEL_SOURCE} are plain containers that become
 * ready as soon as they start.
 *
 * <h2>Output: how failures show on a pod</h2>
 * <ul>
 *   <li>No node has enough free GPUs of the selected type: condition {@code PodScheduled=False} with
 *       reason {@link #REASON_UNSCHEDULABLE} and a message like
 *       {@code 0/4 nodes are available: 2 Insufficient nvidia.com/gpu, 2 node(s) didn't match Pod's node
 *       affinity/selector.}</li>
 *   <li>Image missing: container waiting with reason {@link #REASON_IMAGE_PULL_BACKOFF}
 *       (message starting {@code Back-off pulling image}).</li>
 *   <li>Model not in the catalog: the engine exits with {@link #EXIT_MODEL_NOT_FOUND}; the container's
 *       {@code lastState.terminated.message} starts with {@link #MODEL_NOT_FOUND} {@code ": "} and it
 *       waits in {@link #REASON_CRASH_LOOP_BACK_OFF} with a growing {@code restartCount}.</li>
 *   <li>Engine argument rejected (unknown flag, bad value, {@code --max-input-length} above
 *       {@code --max-context-length}, {@code --max-context-length} above the model's limit): the same,
 *       with message prefix {@link #INVALID_ENGINE_ARGUMENT}. The exit code is
 *       {@link #EXIT_INVALID_ARGUMENT} when the argument parser refuses it at start, and
 *       {@link #EXIT_ENGINE_ERROR} when the context length exceeds the model's limit, which the engine
 *       only learns after the download.</li>
 * </ul>
 */
public final class EngineContract {

    /** Display name of the model, informative only. */
    public static final String ENV_MODEL_NAME = "MODEL_NAME";
    /** Where the engine downloads the model from: {@code hf://org/model}, {@code s3://bucket/path}, ... */
    public static final String ENV_MODEL_SOURCE = "MODEL_SOURCE";
    /** Optional pinned revision of the model. */
    public static final String ENV_MODEL_REVISION = "MODEL_REVISION";

    public static final String FLAG_MAX_BATCH_SIZE = "--max-batch-size";
    public static final String FLAG_MAX_INPUT_LENGTH = "--max-input-length";
    public static final String FLAG_MAX_CONTEXT_LENGTH = "--max-context-length";
    public static final String FLAG_TOKENIZER_SKIP_SPECIAL_TOKENS = "--tokenizer-skip-special-tokens";
    public static final String FLAG_TOKENIZER_ADD_SPECIAL_TOKENS = "--tokenizer-add-special-tokens";
    public static final String FLAG_QUEUE_TIMEOUT_MS = "--queue-timeout-ms";
    /** The port the engine serves on; accepted so that a real container spec can carry it. */
    public static final String FLAG_PORT = "--port";

    /** Every flag the simulated engine accepts; any other flag makes it exit. */
    public static final List<String> FLAGS = List.of(FLAG_MAX_BATCH_SIZE, FLAG_MAX_INPUT_LENGTH,
            FLAG_MAX_CONTEXT_LENGTH, FLAG_TOKENIZER_SKIP_SPECIAL_TOKENS, FLAG_TOKENIZER_ADD_SPECIAL_TOKENS,
            FLAG_QUEUE_TIMEOUT_MS, FLAG_PORT);

    /** Message prefix of a termination caused by a model source (or revision) the catalog does not have. */
    public static final String MODEL_NOT_FOUND = "ModelNotFound";
    /** Message prefix of a termination caused by an engine argument the engine refuses. */
    public static final String INVALID_ENGINE_ARGUMENT = "InvalidEngineArgument";

    /** Exit code of an argument the engine's parser refuses (as argparse does). */
    public static final int EXIT_INVALID_ARGUMENT = 2;
    /** Exit code of a failed model download. */
    public static final int EXIT_MODEL_NOT_FOUND = 1;
    /** Exit code of an engine that fails its initialisation after the download. */
    public static final int EXIT_ENGINE_ERROR = 1;

    /** Pod condition reason of a pod no node can take. */
    public static final String REASON_UNSCHEDULABLE = "Unschedulable";
    /** Container waiting reason while an engine that keeps exiting waits to be restarted. */
    public static final String REASON_CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
    /** Container waiting reason while a missing image waits to be pulled again. */
    public static final String REASON_IMAGE_PULL_BACKOFF = "ImagePullBackOff";
    /** Deployment Progressing condition reason once progressDeadlineSeconds passed without progress. */
    public static final String REASON_PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    private EngineContract() {
    }
}
