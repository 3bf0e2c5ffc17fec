package io.inferctl.worker.rollout;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

/**
 * Tells a waiting rollout that its version changed on the cluster, so it checks readiness now
 * instead of at its next periodic check: a deadline due at once in the saga's own scope, so the
 * check runs under the saga's lock and commits with its state like any other step.
 */
public class RolloutNudges {

    private final JdbcClient jdbc;
    private final DeadlineManager deadlines;

    public RolloutNudges(JdbcClient jdbc, DeadlineManager deadlines) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
    }

    public void clusterChanged(VersionRef version) {
        List<String> sagas = jdbc.sql("SELECT saga_id FROM association_value_entry"
                        + " WHERE association_key = ? AND association_value = ? AND saga_type = ?")
                .params(RolloutSaga.ROLLOUT, RolloutAssociation.of(version), RolloutSaga.class.getName())
                .query(String.class).list();
        for (String saga : sagas) {
            deadlines.schedule(Duration.ZERO, RolloutSaga.CLUSTER_CHANGED, version,
                    new SagaScopeDescriptor(RolloutSaga.class.getSimpleName(), saga));
        }
    }
}
