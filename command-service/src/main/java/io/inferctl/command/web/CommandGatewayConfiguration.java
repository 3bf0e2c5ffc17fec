package io.inferctl.command.web;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's default gateway logs every command that fails at WARN, and here a command fails whenever a
 * client's change is refused: any client could flood the log. The sender gets every outcome from the
 * future anyway; refusals are logged at DEBUG and counted where they are answered
 * ({@link io.inferctl.api.problem.Refusals}), and anything unexpected at ERROR.
 */
@Configuration(proxyBeanMethods = false)
public class CommandGatewayConfiguration {

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .commandCallback(NoOpCallback.INSTANCE)
                .build();
    }
}
