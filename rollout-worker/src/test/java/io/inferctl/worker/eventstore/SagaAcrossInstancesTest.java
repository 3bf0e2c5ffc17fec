package io.inferctl.worker.eventstore;

import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two worker instances on one PostgreSQL, each with its own saga repository (so its own per-JVM
 * saga lock) over the saga schema of {@link EventStoreConfiguration}: a deadline fires on one while
 * the saga's event arrives on the other. Both must count, in either order; without the row lock the
 * second store would silently undo the first.
 */
class SagaAcrossInstancesTest {

    private static final Duration RACE = Duration.ofSeconds(30);

    private final String url = SharedInfrastructure.postgres().ensureDatabase("worker_saga_instances");
    private final JdbcClient observer = JdbcClient.create(dataSource());
    private final Instance one = new Instance(dataSource());
    private final Instance two = new Instance(dataSource());

    SagaAcrossInstancesTest() {
        Flyway.configure().dataSource(dataSource()).locations("classpath:db/rollout-worker").load().migrate();
    }

    @Test
    void aDeadlineOnOneInstanceAndAnEventOnTheOtherBothUpdateTheSameSaga() {
        String sagaId = UUID.randomUUID().toString();
        one.inUnitOfWork(GenericEventMessage.asEventMessage("created"), () -> one.sagas.createInstance(sagaId, Steps::new));
        AtomicBoolean deadlineLoaded = new AtomicBoolean();
        AtomicBoolean eventLoaded = new AtomicBoolean();

        // Threads of their own: the common pool may have one thread on a small machine, and the two must overlap.
        ExecutorService instances = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> one.inUnitOfWork(
                new GenericDeadlineMessage<>("readinessCheck"), () -> one.handle(sagaId, steps -> {
                    steps.setHandled(steps.getHandled() + 1);
                    deadlineLoaded.set(true);
                    // Keep this transaction open until the other instance has either read the saga
                    // (no row lock: a lost update ahead) or is waiting for this one's row lock.
                    await().atMost(RACE).until(() -> eventLoaded.get() || waitingForARowLock());
                })), instances);
        await().atMost(RACE).untilTrue(deadlineLoaded);
        CompletableFuture<Void> event = CompletableFuture.runAsync(() -> two.inUnitOfWork(
                GenericEventMessage.asEventMessage("deploymentReady"), () -> two.handle(sagaId, steps -> {
                    eventLoaded.set(true);
                    steps.setHandled(steps.getHandled() + 1);
                })), instances);

        try {
            CompletableFuture.allOf(deadline, event).orTimeout(RACE.toSeconds(), TimeUnit.SECONDS).join();
        } finally {
            instances.shutdownNow();
        }
        AtomicInteger stored = new AtomicInteger();
        one.inUnitOfWork(GenericEventMessage.asEventMessage("read"),
                () -> one.handle(sagaId, steps -> stored.set(steps.getHandled())));
        assertThat(stored).as("steps the saga stored, the deadline's and the event's").hasValue(2);
    }

    private boolean waitingForARowLock() {
        return observer.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'").query(Long.class).single() > 0;
    }

    private DataSource dataSource() {
        return new DriverManagerDataSource(url, EmbeddedPostgresServer.USER, "");
    }

    /** One worker instance's saga repository, store and transactions, as Axon's Spring configuration builds them. */
    private static final class Instance {

        private final AnnotatedSagaRepository<Steps> sagas;
        private final TransactionManager transactions;

        Instance(DataSource dataSource) {
            this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
            this.sagas = AnnotatedSagaRepository.<Steps>builder().sagaType(Steps.class)
                    .sagaStore(JdbcSagaStore.builder()
                            .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                            .sqlSchema(new EventStoreConfiguration().sagaSqlSchema())
                            .serializer(EventStoreConfiguration.newSerializer())
                            .build())
                    .build();
        }

        void handle(String sagaId, Consumer<Steps> handler) {
            sagas.load(sagaId).execute(handler);
        }

        void inUnitOfWork(Message<?> message, Runnable work) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(work);
        }
    }

    /** A saga reduced to what the race is about: how many of its steps were stored. */
    public static class Steps {

        private int handled;

        public int getHandled() {
            return handled;
        }

        public void setHandled(int handled) {
            this.handled = handled;
        }
    }
}
