package io.inferctl.worker.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Deadlines are db-scheduler tasks in the worker's database (Axon's {@code DbSchedulerDeadlineManager}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
public class DeadlineConfiguration {

    @Bean
    public DueDeadlineTrigger dueDeadlineTrigger(DeadlineManager deadlines, Scheduler scheduler) {
        DueDeadlineTrigger trigger = new DueDeadlineTrigger(scheduler, Clock.systemUTC());
        deadlines.registerDispatchInterceptor(trigger);
        return trigger;
    }

    /**
     * Axon's deadline task, run by Axon as before, but a failed run comes back after
     * {@link DeadlineProperties#retryInterval()} instead of db-scheduler's default 5 minutes. A deadline
     * whose saga could not be stored (a connection the database dropped) rolled back with its saga: the
     * step it ran was not recorded and must run again soon; every saga step is idempotent for that.
     * Replaces the task Axon's auto-configuration would register under the same qualifier and name.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    public Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context,
                                                                      DeadlineProperties properties) {
        OneTimeTask<DbSchedulerBinaryDeadlineDetails> axon = (OneTimeTask<DbSchedulerBinaryDeadlineDetails>)
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return Tasks.oneTime(axon.getTaskName(), DbSchedulerBinaryDeadlineDetails.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(properties.retryInterval()))
                .execute(axon::executeOnce);
    }
}
