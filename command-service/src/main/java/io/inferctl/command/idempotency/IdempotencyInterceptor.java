package io.inferctl.command.idempotency;

import io.inferctl.command.endpoint.MutationResult;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Records the answer to an idempotent command in the command's own unit of work. The command bus
 * attaches the database transaction before any handler interceptor runs, so this row, the events
 * and the endpoint-name claim commit together or not at all: a crash after the commit leaves the
 * answer to replay, a crash before it leaves nothing to duplicate.
 */
@Component
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyStore store;

    IdempotencyInterceptor(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        Optional<IdempotentRequest> request = IdempotentRequest.fromMetaData(unitOfWork.getMessage().getMetaData());
        if (request.isPresent() && result instanceof MutationResult mutation && !store.record(request.get(), mutation)) {
            throw new DuplicateRequestException(request.get().key());
        }
        return result;
    }
}
