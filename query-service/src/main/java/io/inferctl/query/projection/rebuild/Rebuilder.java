package io.inferctl.query.projection.rebuild;

import io.cloudevents.CloudEvent;
import io.inferctl.query.consistency.ProjectionPositions;
import io.inferctl.query.projection.Projector;
import io.inferctl.query.projection.ReadModelSchema;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.query.projection.ReplayProjector;
import io.inferctl.query.projection.kafka.ProjectionListener;
import io.inferctl.stream.StreamedEvent;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * Rebuilds every read model from the beginning of the topic (which keeps events forever) while the
 * live tables keep answering:
 * <ol>
 *   <li>fresh, empty, unindexed copies of the tables are filled by a consumer of its own (partitions
 *       assigned, no group, no commits, large fetches) from the beginning up to the end offsets seen
 *       at the start, by a {@link ReplayProjector}; then the copies get their indexes;</li>
 *   <li>the live projection is paused and the copies read on to the end offsets seen now, so they
 *       hold at least every event the live tables hold;</li>
 *   <li>the copies are renamed over the live tables in one transaction and the live projection
 *       resumes from its committed offsets; what it re-reads is recognised as already applied.</li>
 * </ol>
 * A failure at any step drops the copies and leaves the live tables as they were.
 */
public class Rebuilder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Rebuilder.class);

    private final ConsumerFactory<String, CloudEvent> consumers;
    private final String topic;
    private final MessageListenerContainer liveProjection;
    private final Projector projector;
    private final ReplayProjector.Factory replays;
    private final ReadModelSchema schema;
    private final ProjectionPositions positions;
    private final RebuildProperties properties;
    private final ReadModelTables copy;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "read-model-rebuild"));
    /**
     * Applies the batches the worker reads: fetching and decoding the next batch overlaps writing
     * this one, which is the rebuild's longest step, instead of waiting for it.
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "read-model-rebuild-writer"));
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.idle());

    public Rebuilder(ConsumerFactory<String, CloudEvent> consumers, String topic, MessageListenerContainer liveProjection,
                     Projector projector, ReplayProjector.Factory replays, ReadModelSchema schema,
                     ProjectionPositions positions, RebuildProperties properties, Clock clock) {
        this.consumers = consumers;
        this.topic = topic;
        this.liveProjection = liveProjection;
        this.projector = projector;
        this.replays = replays;
        this.schema = schema;
        this.positions = positions;
        this.properties = properties;
        this.copy = ReadModelTables.withPrefix(properties.tablePrefix());
        this.clock = clock;
    }

    public RebuildProgress progress() {
        return progress.get();
    }

    /** Starts a rebuild in the background; refused while one runs. */
    public synchronized RebuildProgress start() {
        if (progress.get().state().running()) {
            throw new RebuildInProgressException(progress.get());
        }
        progress.set(new RebuildProgress(RebuildProgress.State.REPLAYING, clock.instant(), null, 0, 0, 0, 0, null));
        worker.submit(this::run);
        return progress.get();
    }

    private void run() {
        boolean paused = false;
        try (Consumer<String, CloudEvent> consumer = consumers.createConsumer(null, "query-service-rebuild", null,
                properties.consumerProperties())) {
            schema.createBareCopy(copy);
            ReplayProjector replay = replays.into(copy);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            update(p -> new RebuildProgress(p.state(), p.startedAt(), null, p.eventsRead(), p.eventsApplied(),
                    partitions.size(), 0, null));
            long replayStart = System.nanoTime();
            readUpTo(consumer, consumer.endOffsets(partitions), replay::apply);
            long finishStart = System.nanoTime();
            // Indexes are built while the live projection still runs; the catch-up below is short and
            // goes through the projector, which recognises what the replay applied by its event ids.
            replay.finish(properties.indexBuilds(), properties.maintenanceWorkMem());
            long catchUpStart = System.nanoTime();

            update(p -> withState(p, RebuildProgress.State.CATCHING_UP));
            liveProjection.pause();
            paused = true;
            awaitPaused();
            readUpTo(consumer, consumer.endOffsets(partitions),
                    events -> projector.apply(events, copy, replay.refused(), outcome -> {
                    }).applied());

            update(p -> withState(p, RebuildProgress.State.SWITCHING));
            long switchStart = System.nanoTime();
            schema.swapIntoLive(copy, properties.switchLockTimeout());
            long end = System.nanoTime();
            update(p -> new RebuildProgress(RebuildProgress.State.COMPLETED, p.startedAt(), clock.instant(),
                    p.eventsRead(), p.eventsApplied(), p.partitions(), p.partitionsDone(), null));
            log.info("Read models rebuilt from {}: {} events read, {} applied; replay {} ms, indexes {} ms,"
                            + " catch-up {} ms, switch {} ms", topic, progress.get().eventsRead(),
                    progress.get().eventsApplied(), millis(replayStart, finishStart), millis(finishStart, catchUpStart),
                    millis(catchUpStart, switchStart), millis(switchStart, end));
        } catch (RuntimeException e) {
            log.error("Rebuild failed; the live read model is unchanged", e);
            dropCopyQuietly();
            update(p -> new RebuildProgress(RebuildProgress.State.FAILED, p.startedAt(), clock.instant(),
                    p.eventsRead(), p.eventsApplied(), p.partitions(), p.partitionsDone(), String.valueOf(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropCopyQuietly();
            update(p -> new RebuildProgress(RebuildProgress.State.FAILED, p.startedAt(), clock.instant(),
                    p.eventsRead(), p.eventsApplied(), p.partitions(), p.partitionsDone(), "interrupted"));
        } finally {
            if (paused) {
                liveProjection.resume();
            }
            positions.advanced();
        }
    }

    /**
     * Reads every partition up to its end offset and applies what it reads, in topic order. The next
     * batch is fetched and decoded while the writer applies the one before; batches are applied one
     * at a time and in order, and a failed one stops the reading.
     */
    private void readUpTo(Consumer<String, CloudEvent> consumer, Map<TopicPartition, Long> ends,
                          ToIntFunction<List<StreamedEvent>> apply) throws InterruptedException {
        Future<?> writing = CompletableFuture.completedFuture(null);
        try {
            while (true) {
                int done = 0;
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    if (consumer.position(end.getKey()) >= end.getValue()) {
                        done++;
                    }
                }
                int partitionsDone = done;
                update(p -> new RebuildProgress(p.state(), p.startedAt(), null, p.eventsRead(), p.eventsApplied(),
                        p.partitions(), partitionsDone, null));
                if (done == ends.size()) {
                    break;
                }
                ConsumerRecords<String, CloudEvent> records = consumer.poll(properties.pollTimeout());
                List<StreamedEvent> events = new ArrayList<>(records.count());
                for (ConsumerRecord<String, CloudEvent> record : records) {
                    // Unreadable records were dead-lettered by the live projection; here they are only skipped.
                    ProjectionListener.Decoded decoded = ProjectionListener.decode(record);
                    if (decoded.event() != null) {
                        events.add(decoded.event());
                    }
                }
                int read = records.count();
                awaitWritten(writing);
                writing = writer.submit(() -> {
                    int applied = apply.applyAsInt(events);
                    update(p -> new RebuildProgress(p.state(), p.startedAt(), null, p.eventsRead() + read,
                            p.eventsApplied() + applied, p.partitions(), p.partitionsDone(), null));
                });
            }
            awaitWritten(writing);
        } finally {
            // Whatever stopped the reading, no write may still run when the copy is dropped or swapped.
            writing.cancel(false);
            try {
                writing.get();
            } catch (ExecutionException | CancellationException e) {
                // already reported, or the batch never started
            }
        }
    }

    private static void awaitWritten(Future<?> writing) throws InterruptedException {
        try {
            writing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private void awaitPaused() throws InterruptedException {
        long deadline = System.nanoTime() + properties.pauseTimeout().toNanos();
        while (!liveProjection.isContainerPaused()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live projection did not pause within " + properties.pauseTimeout());
            }
            Thread.sleep(properties.pollTimeout().toMillis() / 10 + 1);
        }
    }

    private void dropCopyQuietly() {
        try {
            schema.drop(copy);
        } catch (RuntimeException e) {
            log.warn("Could not drop the rebuild's tables; the next rebuild replaces them", e);
        }
    }

    private void update(java.util.function.UnaryOperator<RebuildProgress> change) {
        progress.updateAndGet(change);
    }

    private static RebuildProgress withState(RebuildProgress p, RebuildProgress.State state) {
        return new RebuildProgress(state, p.startedAt(), p.finishedAt(), p.eventsRead(), p.eventsApplied(),
                p.partitions(), p.partitionsDone(), p.error());
    }

    @Override
    public void close() {
        worker.shutdownNow();
        writer.shutdownNow();
    }
}
