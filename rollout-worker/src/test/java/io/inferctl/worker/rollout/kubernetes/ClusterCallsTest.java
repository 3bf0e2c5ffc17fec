package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.worker.rollout.ClusterFailure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterCallsTest {

    private final List<Long> waits = new ArrayList<>();
    private final ClusterCalls calls = new ClusterCalls(
            new KubernetesProperties.Retry(4, Duration.ofMillis(100), Duration.ofMillis(250)).policy(), waits::add);

    private static KubernetesClientException answered(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).build();
        return new KubernetesClientException(status);
    }

    @Test
    void transientErrorsAreRetriedUntilTheCallSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = calls.call("read", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw answered(503, "etcd is busy");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndStaysUnderItsCap() {
        Set<Long> firstWaits = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            waits.clear();
            assertThatThrownBy(() -> calls.run("read", () -> {
                throw answered(503, "etcd is busy");
            })).isInstanceOf(ClusterFailure.class);

            assertThat(waits).hasSize(3);
            assertThat(waits.get(0)).isBetween(100L, 200L);
            assertThat(waits.get(1)).isBetween(200L, 250L);
            assertThat(waits.get(2)).isEqualTo(250L);
            firstWaits.add(waits.get(0));
        }
        assertThat(firstWaits).as("jittered first waits").hasSizeGreaterThan(1);
    }

    @Test
    void anApiThatNeverAnswersIsUnreachableAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> calls.run("apply Deployment x", () -> {
            attempts.incrementAndGet();
            throw new KubernetesClientException("connection refused", new IOException("Connection refused"));
        })).isInstanceOfSatisfying(ClusterFailure.class, f -> {
            assertThat(f.code()).isEqualTo(FailureCode.CLUSTER_UNREACHABLE);
            assertThat(f.getMessage()).contains("apply Deployment x").contains("4 attempts");
        });
        assertThat(attempts).hasValue(4);
    }

    @Test
    void serverErrorsThatPersistAreClusterApiErrors() {
        assertThatThrownBy(() -> calls.run("apply", () -> {
            throw answered(500, "internal error");
        })).isInstanceOfSatisfying(ClusterFailure.class, f -> assertThat(f.code()).isEqualTo(FailureCode.CLUSTER_API_ERROR));
    }

    @Test
    void anInvalidSpecIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> calls.run("apply", () -> {
            attempts.incrementAndGet();
            throw answered(422, "Deployment.apps \"x\" is invalid: spec.template.spec.containers[0].image: Required value");
        })).isInstanceOfSatisfying(ClusterFailure.class, f -> {
            assertThat(f.code()).isEqualTo(FailureCode.INVALID_SPEC);
            assertThat(f.getMessage()).contains("Required value");
        });
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aQuotaRefusalIsQuotaExceeded() {
        assertThatThrownBy(() -> calls.run("apply", () -> {
            throw answered(403, "pods \"x\" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=8");
        })).isInstanceOfSatisfying(ClusterFailure.class, f -> assertThat(f.code()).isEqualTo(FailureCode.QUOTA_EXCEEDED));
    }
}
