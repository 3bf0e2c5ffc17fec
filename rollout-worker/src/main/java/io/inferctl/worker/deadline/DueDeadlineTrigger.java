package io.inferctl.worker.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Wakes db-scheduler once a deadline due at once is committed. Axon stores a deadline in the prepare
 * commit of the handler's unit of work, and db-scheduler's own immediate execution looks for it right
 * then, before the transaction commits, finds nothing and waits a whole polling interval. A deadline
 * scheduled outside a unit of work (a watch nudge) is stored at once and needs no help.
 */
public class DueDeadlineTrigger implements MessageDispatchInterceptor<DeadlineMessage<?>> {

    private final Scheduler scheduler;
    private final Clock clock;

    public DueDeadlineTrigger(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public BiFunction<Integer, DeadlineMessage<?>, DeadlineMessage<?>> handle(List<? extends DeadlineMessage<?>> messages) {
        return (index, deadline) -> {
            if (CurrentUnitOfWork.isStarted() && !deadline.getTimestamp().isAfter(clock.instant())) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> scheduler.triggerCheckForDueExecutions());
            }
            return deadline;
        };
    }
}
