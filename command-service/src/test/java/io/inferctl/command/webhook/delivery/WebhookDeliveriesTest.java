package io.inferctl.command.webhook.delivery;

import io.inferctl.command.endpoint.web.EndpointCommandSender;
import io.inferctl.command.webhook.IntegrationStatus;
import io.inferctl.command.webhook.WebhookProperties;
import io.inferctl.command.webhook.crypto.SigningSecret;
import io.inferctl.command.webhook.crypto.StandardWebhookSignature;
import io.inferctl.command.webhook.store.JdbcIntegrationDirectory;
import io.inferctl.command.webhook.store.JdbcIntegrationDirectory.IntegrationRow;
import io.inferctl.command.webhook.store.JdbcSecretVault;
import io.inferctl.command.webhook.store.JdbcSecretVault.StoredKey;
import io.inferctl.events.webhook.PayloadFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The order of a delivery's checks, at the unit's boundary: the database's collaborators are mocks,
 * so a refusal that reaches any of them fails the test. Once the keys are loaded, an unknown
 * integration and a wrong signature are refused from memory alone.
 */
class WebhookDeliveriesTest {

    private static final String ID = "5a0e8f3c-7d2b-4c61-9e4f-1b2a3c4d5e6f";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final byte[] BODY = "{\"source\": \"hf://org/model\"}".getBytes(StandardCharsets.UTF_8);

    private final JdbcIntegrationDirectory directory = mock(JdbcIntegrationDirectory.class);
    private final JdbcSecretVault vault = mock(JdbcSecretVault.class);
    private final DeliveryLog log = mock(DeliveryLog.class);
    private final EndpointCommandSender sender = mock(EndpointCommandSender.class);
    private final byte[] key = SigningSecret.newKey();
    private WebhookDeliveries deliveries;

    @BeforeEach
    void keysInMemory() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        WebhookProperties properties = new WebhookProperties("unused", "http://localhost:8081", Duration.ofMinutes(5),
                Duration.ofHours(24), Duration.ofSeconds(5), 10, Duration.ofMinutes(1), 100);
        when(directory.listEnabled()).thenReturn(List.of(new IntegrationRow(ID, "ci", "ep-1", "llama-chat", null,
                PayloadFormat.GENERIC, null, IntegrationStatus.ENABLED, "admin", NOW)));
        when(vault.enabledKeys(NOW)).thenReturn(List.of(new StoredKey(ID, 1, key, null)));
        WebhookKeyring keyring = new WebhookKeyring(directory, vault, clock);
        keyring.reload();
        clearInvocations(directory, vault);
        deliveries = new WebhookDeliveries(keyring, directory, properties,
                new SignatureFailureLimiter(properties, new SimpleMeterRegistry()), log, null, sender, clock);
    }

    @Test
    void aWrongSignatureIsRefusedWithoutTouchingTheDatabase() {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String forged = StandardWebhookSignature.header(SigningSecret.newKey(), "msg_1", timestamp, BODY);

        assertThatThrownBy(() -> deliveries.deliver(ID, new WebhookDeliveries.Signed("msg_1", timestamp, forged), BODY))
                .isInstanceOf(DeliveryRefusedException.class).hasMessageContaining("no signature");
        verifyNoInteractions(directory, vault, log, sender);
    }

    @Test
    void anUnknownIntegrationIsRefusedWithoutTouchingTheDatabase() {
        assertThatThrownBy(() -> deliveries.deliver("b6a4c2b0-0000-4000-8000-000000000000",
                new WebhookDeliveries.Signed("msg_1", "1", "v1,AAAA"), BODY))
                .isInstanceOf(DeliveryRefusedException.class).hasMessageContaining("No enabled webhook integration");
        verifyNoInteractions(directory, vault, log, sender);
    }

    @Test
    void aStaleTimestampIsRefusedWithoutTouchingTheDatabase() {
        String stale = Long.toString(NOW.minus(Duration.ofHours(1)).getEpochSecond());
        String signed = StandardWebhookSignature.header(key, "msg_1", stale, BODY);

        assertThatThrownBy(() -> deliveries.deliver(ID, new WebhookDeliveries.Signed("msg_1", stale, signed), BODY))
                .isInstanceOf(DeliveryRefusedException.class).hasMessageContaining("older");
        verifyNoInteractions(directory, vault, log, sender);
    }
}
