package io.inferctl.command.webhook;

import io.inferctl.command.webhook.crypto.SecretCipher;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    /** Fails the start-up when the key is missing or not 32 bytes, before any secret could be stored. */
    @Bean
    public SecretCipher secretCipher(WebhookProperties properties) {
        return new SecretCipher(properties.encryptionKey());
    }

    /** Commands name their integration through {@link WebhookIntegrationCommand}, as endpoint commands do. */
    @Bean
    public CommandTargetResolver webhookCommandTargetResolver() {
        return command -> new VersionedAggregateIdentifier(
                ((WebhookIntegrationCommand) command.getPayload()).integrationId(), null);
    }
}
