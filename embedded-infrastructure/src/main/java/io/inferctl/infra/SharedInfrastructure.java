package io.inferctl.infra;

import io.inferctl.infra.kafka.EmbeddedKafkaBroker;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;

/**
 * One PostgreSQL server and one Kafka broker per JVM, started on first use. Test suites of every
 * service share them this way: starting each once per test class would cost most of the build's time.
 *
 * <p>PostgreSQL runs as a child process and is stopped when the JVM exits. The broker is not: it
 * lives in this JVM and ends with it, and stopping it in a shutdown hook would race the services'
 * own hooks, whose Kafka clients then wait out their close timeouts for a broker that is gone.
 */
public final class SharedInfrastructure {

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized EmbeddedKafkaBroker kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafkaBroker.start(0, null);
        }
        return kafka;
    }
}
