package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.worker.rollout.Observation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's words, as the simulator and a real kubelet write them, read into failure codes and phases. */
class PodClassifierTest {

    private static Deployment deployment(Integer available) {
        return new DeploymentBuilder().withNewMetadata().withName("llama-v1").withGeneration(1L).endMetadata()
                .withNewStatus().withObservedGeneration(1L).withAvailableReplicas(available).endStatus().build();
    }

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("llama-v1-abc").endMetadata();
    }

    @Test
    void anUnschedulablePodMeansNotEnoughGpus() {
        Pod pod = pod().withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/4 nodes are available: 2 Insufficient nvidia.com/gpu.")
                .endCondition().endStatus().build();

        Observation seen = PodClassifier.classify(deployment(null), List.of(pod), 1);

        assertThat(seen.code()).isEqualTo(FailureCode.INSUFFICIENT_GPU);
        assertThat(seen.message()).contains("Insufficient nvidia.com/gpu");
    }

    @Test
    void anEngineThatExitsOnAnUnknownModelMeansModelNotFound() {
        Pod pod = pod().withNewSpec().withNodeName("gpu-h100-0").endSpec().withNewStatus().addNewContainerStatus()
                .withName("engine").withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1)
                .withMessage("ModelNotFound: model source hf://x/y was not found").endTerminated().endLastState()
                .endContainerStatus().endStatus().build();

        assertThat(PodClassifier.classify(deployment(null), List.of(pod), 1).code()).isEqualTo(FailureCode.MODEL_NOT_FOUND);
    }

    @Test
    void anEngineThatRefusesAnArgumentMeansBadEngineArgument() {
        Pod pod = pod().withNewStatus().addNewContainerStatus().withName("engine")
                .withNewLastState().withNewTerminated().withExitCode(2)
                .withMessage("InvalidEngineArgument: unknown flag --temperature").endTerminated().endLastState()
                .endContainerStatus().endStatus().build();

        assertThat(PodClassifier.classify(deployment(null), List.of(pod), 1).code()).isEqualTo(FailureCode.BAD_ENGINE_ARGUMENT);
    }

    @Test
    void aMissingImageMeansImagePullFailed() {
        Pod pod = pod().withNewStatus().addNewContainerStatus().withName("engine").withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"ghcr.io/x:broken\"").endWaiting()
                .endState().endContainerStatus().endStatus().build();

        assertThat(PodClassifier.classify(deployment(null), List.of(pod), 1).code()).isEqualTo(FailureCode.IMAGE_PULL_FAILED);
    }

    @Test
    void aDeploymentPastItsProgressDeadlineTimedOut() {
        Deployment stuck = new DeploymentBuilder(deployment(null)).editStatus().addNewCondition().withType("Progressing")
                .withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"llama-v1-abc\" has timed out progressing.").endCondition().endStatus().build();

        assertThat(PodClassifier.classify(stuck, List.of(), 1).code()).isEqualTo(FailureCode.ROLLOUT_DEADLINE_EXCEEDED);
    }

    @Test
    void everyRolloutReplicaAvailableIsReady() {
        assertThat(PodClassifier.classify(deployment(2), List.of(), 2).state()).isEqualTo(Observation.State.READY);
        assertThat(PodClassifier.classify(deployment(1), List.of(), 2).state()).isEqualTo(Observation.State.PROGRESSING);
    }

    @Test
    void theLeastAdvancedPodSetsThePhase() {
        Pod waitingForGpus = pod().withNewStatus().endStatus().build();
        Pod starting = pod().withNewSpec().withNodeName("gpu-h100-0").endSpec().withNewStatus().addNewContainerStatus()
                .withName("engine").withStarted(true).endContainerStatus().endStatus().build();
        Pod pulling = pod().withNewSpec().withNodeName("gpu-h100-0").endSpec().withNewStatus().addNewContainerStatus()
                .withName("engine").withStarted(false).endContainerStatus().endStatus().build();

        assertThat(PodClassifier.classify(deployment(0), List.of(starting, waitingForGpus), 2).phase())
                .isEqualTo(RolloutPhase.REQUESTING_GPUS);
        assertThat(PodClassifier.classify(deployment(0), List.of(starting, pulling), 2).phase())
                .isEqualTo(RolloutPhase.DOWNLOADING_MODEL);
        assertThat(PodClassifier.classify(deployment(0), List.of(starting), 1).phase())
                .isEqualTo(RolloutPhase.STARTING_ENGINE);
    }
}
