package io.inferctl.worker.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.DeadlineManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Deadlines are db-scheduler tasks in the worker's database (Axon's {@code DbSchedulerDeadlineManager}). */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    @Bean
    public DueDeadlineTrigger dueDeadlineTrigger(DeadlineManager deadlines, Scheduler scheduler) {
        DueDeadlineTrigger trigger = new DueDeadlineTrigger(scheduler, Clock.systemUTC());
        deadlines.registerDispatchInterceptor(trigger);
        return trigger;
    }
}
