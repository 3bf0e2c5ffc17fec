package io.inferctl.command.webhook.delivery;

import io.inferctl.command.webhook.store.JdbcIntegrationDirectory;
import io.inferctl.command.webhook.store.JdbcIntegrationDirectory.IntegrationRow;
import io.inferctl.command.webhook.store.JdbcSecretVault;
import io.inferctl.command.webhook.store.JdbcSecretVault.StoredKey;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every enabled integration and its verification keys, in memory, so that a delivery with a wrong
 * signature (or for an unknown or disabled integration) is refused without touching the database:
 * forged traffic costs an HMAC, not a connection. This instance reloads after its own rotate,
 * disable and delete, and every {@code key-refresh-interval} to see other instances' changes. In
 * between, a key rotated out elsewhere still verifies here (it does anyway, for the overlap), and an
 * integration disabled elsewhere is caught by the directory check that authentic deliveries make.
 */
@Component
public class WebhookKeyring {

    /** An enabled integration and the keys that may verify its deliveries. */
    public record Entry(IntegrationRow integration, List<StoredKey> keys) {

        /** The keys that verify at {@code now}: a rotated-out key stops at its end even between reloads. */
        public List<byte[]> keysAt(Instant now) {
            return keys.stream().filter(k -> k.validUntil() == null || k.validUntil().isAfter(now))
                    .map(StoredKey::key).toList();
        }
    }

    private final JdbcIntegrationDirectory directory;
    private final JdbcSecretVault vault;
    private final Clock clock;
    private volatile Map<String, Entry> entries;

    WebhookKeyring(JdbcIntegrationDirectory directory, JdbcSecretVault vault, Clock clock) {
        this.directory = directory;
        this.vault = vault;
        this.clock = clock;
    }

    public Optional<Entry> find(String integrationId) {
        Map<String, Entry> current = entries;
        if (current == null) {
            reload();
            current = entries;
        }
        return Optional.ofNullable(current.get(integrationId));
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${inferctl.webhooks.key-refresh-interval:5s}",
            initialDelayString = "${inferctl.webhooks.key-refresh-interval:5s}")
    public synchronized void reload() {
        Map<String, List<StoredKey>> keys = new HashMap<>();
        for (StoredKey key : vault.enabledKeys(clock.instant())) {
            keys.computeIfAbsent(key.integrationId(), id -> new ArrayList<>()).add(key);
        }
        Map<String, Entry> loaded = new HashMap<>();
        for (IntegrationRow row : directory.listEnabled()) {
            loaded.put(row.integrationId(), new Entry(row, List.copyOf(keys.getOrDefault(row.integrationId(), List.of()))));
        }
        entries = Map.copyOf(loaded);
    }
}
