package io.inferctl.worker.eventstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code inferctl.rollouts.in.flight}: rollouts whose saga is alive (rolling out, compensating or
 * draining the superseded version). Outcomes are counted where they are reported
 * ({@code inferctl.rollouts.outcomes}).
 */
@Component
class RolloutMetrics implements InitializingBean {

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    RolloutMetrics(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @Override
    public void afterPropertiesSet() {
        Gauge.builder("inferctl.rollouts.in.flight", this, m -> m.inFlight())
                .description("Rollout sagas alive: rolling out, compensating or draining")
                .register(meters);
    }

    private double inFlight() {
        try {
            return jdbc.sql("SELECT count(*) FROM saga_entry").query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
