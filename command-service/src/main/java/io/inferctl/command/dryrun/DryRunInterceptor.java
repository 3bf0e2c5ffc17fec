package io.inferctl.command.dryrun;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Runs a command marked as a dry run through everything a real one meets (the aggregate's rules,
 * the name registry, the policy) and then undoes it: the answer leaves as an exception, which rolls
 * the command's unit of work back, and with it the database transaction the command bus attached.
 * Nothing the command applied is stored, so nothing is relayed and no rollout starts, and the
 * answer cannot disagree with what the service decides, because it is what the service decided.
 */
@Component
public class DryRunInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** The metadata key that marks a command as a dry run. */
    public static final String DRY_RUN = "dryRun";

    /** The metadata that marks a command as a dry run. */
    public static MetaData marker() {
        return MetaData.with(DRY_RUN, Boolean.TRUE);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (Boolean.TRUE.equals(unitOfWork.getMessage().getMetaData().get(DRY_RUN))) {
            throw new DryRunCompleted(result);
        }
        return result;
    }
}
