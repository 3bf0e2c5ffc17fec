package io.inferctl.command.webhook.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.RunningCommandService;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Two command-service instances side by side, as the README allows: each its own application
 * context and HTTP port, both on one PostgreSQL database and one Kafka. Started once per test JVM
 * (two contexts cost seconds each on a small machine) and stopped when the test run ends: a test class
 * that uses them is extended with {@link ClosedAtEnd}.
 */
final class TwoCommandServices {

    /** Short, so a test can wait out one refresh; the default (5 s) would work as well, slower. */
    static final Duration KEY_REFRESH = Duration.ofSeconds(1);

    /** B's refresh runs every interval; three of them leave room for a slow reload, not for a missed one. */
    static final Duration WITHIN_A_REFRESH = KEY_REFRESH.multipliedBy(3);
    static final Duration POLL = Duration.ofMillis(100);

    private static TwoCommandServices started;

    private final RunningCommandService a;
    private final RunningCommandService b;

    private TwoCommandServices(RunningCommandService a, RunningCommandService b) {
        this.a = a;
        this.b = b;
    }

    static synchronized TwoCommandServices get() {
        if (started == null) {
            Map<String, Object> overrides = Map.of(
                    "inferctl.webhooks.key-refresh-interval", KEY_REFRESH.toMillis() + "ms",
                    // These tests send valid signatures before another instance knows them; the
                    // limiter (HostileDeliveryTest proves it) is not what they are about.
                    "inferctl.webhooks.failed-signature-limit", 1000,
                    // Its own topic: the shared one is read by tests that count what reaches it.
                    "inferctl.relay.topic", "webhook-instances-events",
                    "spring.main.sources", ConnectionBorrowers.class.getName());
            // One after the other: Flyway migrates the new database once, the second finds it done.
            RunningCommandService first = RunningCommandService.start("command_webhook_instances", overrides);
            RunningCommandService second = RunningCommandService.start("command_webhook_instances", overrides);
            started = new TwoCommandServices(first, second);
        }
        return started;
    }

    /**
     * Closes both instances when the whole test run ends, while the database they share still runs.
     * Closed by a JVM shutdown hook instead, they raced the embedded PostgreSQL's own hook: their
     * pollers waited out the pool's timeout for connections that could no longer open, and the test
     * JVM took 30 s to exit.
     */
    static final class ClosedAtEnd implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(ClosedAtEnd.class,
                    key -> (ExtensionContext.Store.CloseableResource) TwoCommandServices::closeStarted);
        }
    }

    private static synchronized void closeStarted() {
        if (started != null) {
            started.b.close();
            started.a.close();
            started = null;
        }
    }

    Api apiA() {
        return new Api(a.port());
    }

    Api apiB() {
        return new Api(b.port());
    }

    /** The database both instances share, as instance A reaches it. */
    JdbcClient jdbc() {
        return a.context().getBean(JdbcClient.class);
    }

    EventStore events() {
        return new EventStore(jdbc());
    }

    int portA() {
        return a.port();
    }

    int portB() {
        return b.port();
    }

    /** The worker's reports that take a pending version to CURRENT, sent to instance A. */
    void reportServing(String endpointId, int version) {
        apiA().reportServing(endpointId, version);
    }

    /** Created through A, which knows it at once; B learns of it within its key refresh. */
    Webhooks.Integration knownToBoth(Webhooks.Integration integration) {
        Webhooks viaA = new Webhooks(apiA());
        Webhooks viaB = new Webhooks(apiB());
        if (!viaA.knows(integration)) {
            throw new AssertionError("instance A does not know the integration it just created");
        }
        await().atMost(WITHIN_A_REFRESH).pollInterval(POLL).until(() -> viaB.knows(integration));
        return integration;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
