package io.inferctl.worker.rollout;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.repository.SagaStore;

import java.time.Duration;

/**
 * Tells a waiting rollout that its version changed on the cluster, so it checks readiness now
 * instead of at its next periodic check: a deadline due at once in the saga's own scope, so the
 * check runs under the saga's lock and commits with its state like any other step.
 */
public class RolloutNudges {

    private final SagaStore<? super RolloutSaga> sagas;
    private final DeadlineManager deadlines;

    public RolloutNudges(SagaStore<? super RolloutSaga> sagas, DeadlineManager deadlines) {
        this.sagas = sagas;
        this.deadlines = deadlines;
    }

    public void clusterChanged(VersionRef version) {
        AssociationValue rollout = new AssociationValue(RolloutSaga.ROLLOUT, RolloutAssociation.of(version));
        for (String saga : sagas.findSagas(RolloutSaga.class, rollout)) {
            deadlines.schedule(Duration.ZERO, RolloutDeadlines.CLUSTER_CHANGED, version,
                    new SagaScopeDescriptor(RolloutSaga.class.getSimpleName(), saga));
        }
    }
}
