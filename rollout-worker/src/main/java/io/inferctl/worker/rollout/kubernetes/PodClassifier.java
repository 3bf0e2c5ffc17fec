package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.worker.rollout.Observation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a version's Deployment and pods the way an operator would, and tells a rollout that will
 * still become ready from one that never will:
 *
 * <table>
 *   <tr><th>cluster shows</th><th>failure</th></tr>
 *   <tr><td>pod {@code PodScheduled=False}, reason {@code Unschedulable}</td><td>RESOURCES / INSUFFICIENT_GPU</td></tr>
 *   <tr><td>container waiting {@code ImagePullBackOff} / {@code ErrImagePull} / {@code InvalidImageName}</td><td>IMAGE_PULL_FAILED</td></tr>
 *   <tr><td>last termination message {@code ModelNotFound: ...}</td><td>CONFIGURATION / MODEL_NOT_FOUND</td></tr>
 *   <tr><td>last termination message {@code InvalidEngineArgument: ...}, or any {@code CrashLoopBackOff}</td><td>CONFIGURATION / BAD_ENGINE_ARGUMENT</td></tr>
 *   <tr><td>Deployment {@code Progressing=False}, reason {@code ProgressDeadlineExceeded}</td><td>TIMEOUT / ROLLOUT_DEADLINE_EXCEEDED</td></tr>
 * </table>
 */
final class PodClassifier {

    static final String MODEL_NOT_FOUND = "ModelNotFound";
    static final String INVALID_ENGINE_ARGUMENT = "InvalidEngineArgument";
    private static final List<String> IMAGE_FAILURES = List.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");
    private static final String CRASH_LOOP = "CrashLoopBackOff";

    private PodClassifier() {
    }

    static Observation classify(Deployment deployment, List<Pod> pods, int replicas) {
        if (deployment == null) {
            return Observation.progressing(RolloutPhase.REQUESTING_GPUS, "Deployment not created yet");
        }
        for (Pod pod : pods) {
            Optional<Observation> failure = failure(pod);
            if (failure.isPresent()) {
                return failure.get();
            }
        }
        Optional<DeploymentCondition> stuck = conditions(deployment).stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason()))
                .findFirst();
        if (stuck.isPresent()) {
            return Observation.failed(FailureCode.ROLLOUT_DEADLINE_EXCEEDED, stuck.get().getMessage());
        }
        int available = count(deployment.getStatus() == null ? null : deployment.getStatus().getAvailableReplicas());
        long observed = deployment.getStatus() == null || deployment.getStatus().getObservedGeneration() == null
                ? 0 : deployment.getStatus().getObservedGeneration();
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        if (available >= replicas && observed >= generation) {
            return Observation.ready();
        }
        RolloutPhase phase = pods.isEmpty() ? RolloutPhase.REQUESTING_GPUS
                : pods.stream().map(PodClassifier::phase).min(Enum::compareTo).orElse(RolloutPhase.REQUESTING_GPUS);
        return Observation.progressing(phase, available + "/" + replicas + " replicas available");
    }

    private static Optional<Observation> failure(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        for (PodCondition condition : Objects.requireNonNullElse(pod.getStatus().getConditions(), List.<PodCondition>of())) {
            if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                    && "Unschedulable".equals(condition.getReason())) {
                return Optional.of(Observation.failed(FailureCode.INSUFFICIENT_GPU,
                        "Pod " + pod.getMetadata().getName() + " cannot be scheduled: " + condition.getMessage()));
            }
        }
        for (ContainerStatus container : containers(pod)) {
            ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
            ContainerStateTerminated last = container.getLastState() == null ? null : container.getLastState().getTerminated();
            String lastMessage = last == null || last.getMessage() == null ? "" : last.getMessage();
            if (lastMessage.startsWith(MODEL_NOT_FOUND)) {
                return Optional.of(Observation.failed(FailureCode.MODEL_NOT_FOUND, lastMessage));
            }
            if (lastMessage.startsWith(INVALID_ENGINE_ARGUMENT)) {
                return Optional.of(Observation.failed(FailureCode.BAD_ENGINE_ARGUMENT, lastMessage));
            }
            if (waiting != null && IMAGE_FAILURES.contains(waiting.getReason())) {
                return Optional.of(Observation.failed(FailureCode.IMAGE_PULL_FAILED,
                        waiting.getReason() + ": " + waiting.getMessage()));
            }
            if (waiting != null && CRASH_LOOP.equals(waiting.getReason())) {
                return Optional.of(Observation.failed(FailureCode.BAD_ENGINE_ARGUMENT,
                        "The engine keeps exiting (" + CRASH_LOOP + ")" + (lastMessage.isEmpty() ? "" : ": " + lastMessage)));
            }
        }
        return Optional.empty();
    }

    /** Unscheduled: requesting GPUs; scheduled but not started: pulling image and model; started: the engine starts. */
    private static RolloutPhase phase(Pod pod) {
        boolean scheduled = pod.getSpec() != null && pod.getSpec().getNodeName() != null;
        if (!scheduled) {
            return RolloutPhase.REQUESTING_GPUS;
        }
        boolean started = !containers(pod).isEmpty() && containers(pod).stream()
                .allMatch(c -> Boolean.TRUE.equals(c.getStarted()) || (c.getState() != null && c.getState().getRunning() != null));
        return started ? RolloutPhase.STARTING_ENGINE : RolloutPhase.DOWNLOADING_MODEL;
    }

    private static List<ContainerStatus> containers(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
    }

    private static List<DeploymentCondition> conditions(Deployment deployment) {
        return deployment.getStatus() == null || deployment.getStatus().getConditions() == null
                ? List.of() : deployment.getStatus().getConditions();
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
