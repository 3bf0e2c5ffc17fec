package io.inferctl.systemtest.faults;

import io.inferctl.systemtest.faults.EventStoreRows.Row;
import io.inferctl.systemtest.faults.History.Ack;
import io.inferctl.systemtest.faults.StackClient.Answer;
import io.inferctl.systemtest.faults.TopicRecords.Record;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Verifies a {@link History} against what the stack stored, once the load stopped: every
 * acknowledged command is an event in the store, a record on the topic (duplicates only with the
 * same {@code ce_id}) and a row in the read model; each endpoint's versions are 0..n with none
 * twice; every version's rollout ended with exactly one outcome within the deadline; and every
 * stored version was acknowledged to some client (a version nobody was told about is a change a
 * retry made twice). Returns what it found, one line per violation.
 */
final class HistoryChecker {

    private static final Set<String> OUTCOMES = Set.of("RolloutSucceeded", "RolloutFailed", "RolloutCancelled");

    private final FaultStack stack;
    private final StackClient client;

    HistoryChecker(FaultStack stack, StackClient client) {
        this.stack = stack;
        this.client = client;
    }

    /** Checks the endpoints the clients acknowledged commands for in {@code phase} (each phase makes its own). */
    List<String> verify(History history, String phase, Duration outcomeDeadline) throws Exception {
        Map<String, List<Ack>> acks = history.acksByEndpoint(phase);
        List<String> found = new ArrayList<>();
        AtomicReference<Map<String, List<Row>>> store = new AtomicReference<>();
        try {
            await("every version's rollout to end with an outcome").atMost(outcomeDeadline)
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                        store.set(EventStoreRows.read(stack.port("postgres")));
                        return acks.keySet().stream().allMatch(id -> unfinished(store.get().get(id)).isEmpty());
                    });
        } catch (ConditionTimeoutException e) {
            acks.keySet().forEach(id -> unfinished(store.get() == null ? null : store.get().get(id)).forEach(v ->
                    found.add(id + " v" + v + ": no rollout outcome " + outcomeDeadline + " after the load stopped")));
        }
        if (store.get() == null) {
            store.set(EventStoreRows.read(stack.port("postgres")));
        }
        Map<String, List<Record>> topic = TopicRecords.read(stack.get("KAFKA_BOOTSTRAP"));
        // Read again: events stored after the first read (a standby starting or ending, a drain) may be on
        // the topic by now, and are not "on the topic, not in the store".
        Map<String, List<Row>> storeAfterTopic = EventStoreRows.read(stack.port("postgres"));
        for (Map.Entry<String, List<Ack>> endpoint : acks.entrySet()) {
            String id = endpoint.getKey();
            List<Row> rows = store.get().getOrDefault(id, List.of());
            checkStore(id, endpoint.getValue(), rows, found);
            checkTopic(id, rows, storeAfterTopic.getOrDefault(id, List.of()).size(), topic.getOrDefault(id, List.of()), found);
            checkReadModel(id, endpoint.getValue(), rows, found);
        }
        return found;
    }

    private static List<Integer> unfinished(List<Row> rows) {
        if (rows == null) {
            return List.of(-1);
        }
        Map<Integer, Long> outcomes = rows.stream().filter(r -> OUTCOMES.stream().anyMatch(r::is))
                .collect(Collectors.groupingBy(Row::version, Collectors.counting()));
        return rows.stream().filter(r -> r.is("EndpointVersionCreated")).map(Row::version)
                .filter(v -> !outcomes.containsKey(v)).toList();
    }

    private static void checkStore(String id, List<Ack> acks, List<Row> rows, List<String> found) {
        Map<Long, Row> bySequence = rows.stream().collect(Collectors.toMap(Row::sequence, r -> r));
        Map<Integer, Set<String>> keysPerVersion = new HashMap<>();
        for (Ack ack : acks) {
            Row row = bySequence.get(ack.sequence());
            if (ack.changed() && (row == null || !row.is("EndpointVersionCreated") || row.version() != ack.version())) {
                found.add(id + " v" + ack.version() + " (key " + ack.key() + ", " + ack.instance()
                        + "): acknowledged at sequence " + ack.sequence() + " but the store has " + row);
            }
            if (ack.changed()) {
                keysPerVersion.computeIfAbsent(ack.version(), v -> new HashSet<>()).add(ack.key());
            }
        }
        keysPerVersion.forEach((version, keys) -> {
            if (keys.size() > 1) {
                found.add(id + " v" + version + ": acknowledged to " + keys.size() + " different changes " + keys);
            }
        });
        List<Integer> versions = rows.stream().filter(r -> r.is("EndpointVersionCreated")).map(Row::version).toList();
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i) != i) {
                found.add(id + ": versions in the store are " + versions + ", not 0.." + (versions.size() - 1));
                break;
            }
        }
        for (int version : versions) {
            if (!keysPerVersion.containsKey(version)) {
                found.add(id + " v" + version + ": stored but acknowledged to no client (a change made by a lost answer or twice)");
            }
            long outcomes = rows.stream().filter(r -> r.version() == version && OUTCOMES.stream().anyMatch(r::is)).count();
            if (outcomes > 1) {
                found.add(id + " v" + version + ": " + outcomes + " rollout outcomes");
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).sequence() != i) {
                found.add(id + ": event sequence has a gap or a duplicate at " + i + ": " + rows.get(i));
                break;
            }
        }
    }

    private static void checkTopic(String id, List<Row> rows, int storedLater, List<Record> records, List<String> found) {
        Map<Long, Set<String>> ceIds = new HashMap<>();
        records.forEach(r -> ceIds.computeIfAbsent(r.sequence(), s -> new HashSet<>()).add(r.ceId()));
        for (Row row : rows) {
            Set<String> ids = ceIds.get(row.sequence());
            if (ids == null) {
                found.add(id + " sequence " + row.sequence() + " (" + simple(row.type()) + "): stored, not on " + TopicRecords.TOPIC);
            } else if (ids.size() > 1 || !ids.contains(row.eventId())) {
                found.add(id + " sequence " + row.sequence() + ": records with ce_id " + ids + ", stored as " + row.eventId());
            }
        }
        ceIds.keySet().stream().filter(s -> s >= storedLater)
                .forEach(s -> found.add(id + " sequence " + s + ": on the topic, not in the store"));
    }

    private void checkReadModel(String id, List<Ack> acks, List<Row> rows, List<String> found) {
        long last = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).sequence();
        for (int version : acks.stream().filter(Ack::changed).map(Ack::version).collect(Collectors.toCollection(java.util.TreeSet::new))) {
            Answer answer = readVersion(id, version, last);
            if (!answer.ok() || answer.body().path("version").asInt(-1) != version) {
                found.add(id + " v" + version + ": the read model answered " + answer.status() + " " + answer.body());
            } else if ("ROLLING_OUT".equals(answer.body().path("status").asText())
                    || "PENDING".equals(answer.body().path("status").asText())) {
                found.add(id + " v" + version + ": still " + answer.body().path("status").asText() + " in the read model");
            }
        }
    }

    private Answer readVersion(String id, int version, long minSequence) {
        AtomicReference<Answer> answer = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                answer.set(client.query("/v1/endpoints/" + id + "/versions/" + version + "?minSequence=" + minSequence));
                return answer.get().ok();
            });
        } catch (ConditionTimeoutException e) {
            // reported by the caller with the last answer
        }
        return answer.get();
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
