package io.inferctl.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product's main job, end to end, on the local stack started the way the README does
 * ({@code bin/local-stack}), driven only through public interfaces: the command and query APIs
 * with tokens, a plain Kafka consumer, and the Kubernetes API of the cluster the stack runs.
 */
class MainJobTest {

    private static final Duration STACK_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofSeconds(90);
    private static final String NAMESPACE = "default";
    private static final String NAME = "llama-chat";
    private static final String ENDPOINT_ID_LABEL = "inferctl.io/endpoint-id";
    private static final String VERSION_LABEL = "inferctl.io/version";
    private static final String TOPIC = "endpoint-events";

    private static final String LLAMA = "Llama-3.1-8B-Instruct";
    private static final String LLAMA_SOURCE = "hf://meta-llama/Llama-3.1-8B-Instruct";
    private static final String QWEN = "Qwen2.5-7B-Instruct";
    private static final String QWEN_SOURCE = "hf://Qwen/Qwen2.5-7B-Instruct";
    private static final String DEPLOYER = "deployer@local";
    private static final String WORKER = "rollout-worker";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String commandUrl;
    private String queryUrl;
    private String deployerToken;
    private String viewerToken;

    @Test
    void anEndpointIsCreatedUpdatedFailsSafelyAndIsRolledBackWithoutDowntime() throws Exception {
        long testStarted = System.nanoTime();
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        LocalStack stack = LocalStack.start(root, STACK_START_TIMEOUT);
        System.out.printf("SYSTEM TEST local stack started in %.1f s (state in %s)%n",
                stack.startUp().toMillis() / 1000.0, stack.state());
        try {
            commandUrl = stack.get("COMMAND_URL");
            queryUrl = stack.get("QUERY_URL");
            deployerToken = stack.get("DEPLOYER_TOKEN");
            viewerToken = stack.get("VIEWER_TOKEN");
            assertThat(stack.get("ADMIN_TOKEN")).isNotBlank();
            long scenarioStarted = System.nanoTime();
            try (KubernetesClient kube = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(Path.of(stack.get("KUBECONFIG"))))).build()) {
                runScenario(kube, stack.get("KAFKA_BOOTSTRAP"));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n" + stack.report(), e);
            }
            System.out.printf("SYSTEM TEST scenario took %.1f s%n", (System.nanoTime() - scenarioStarted) / 1e9);

            long stopping = System.nanoTime();
            stack.stop(Duration.ofSeconds(60));
            System.out.printf("SYSTEM TEST local stack stopped in %.1f s after SIGTERM%n", (System.nanoTime() - stopping) / 1e9);
            assertThat(stack.report()).as("the script's own account of stopping").contains("Stopped.");
            stack.deleteState();
        } catch (Throwable e) {
            System.out.println("SYSTEM TEST failed; the stack's state and logs are kept in " + stack.state());
            throw e;
        } finally {
            stack.close();
            System.out.printf("SYSTEM TEST duration %.1f s (stack start-up %.1f s)%n",
                    (System.nanoTime() - testStarted) / 1e9, stack.startUp().toMillis() / 1000.0);
        }
    }

    private void runScenario(KubernetesClient kube, String kafkaBootstrap) throws Exception {
        // 1. Create: v0 rolls out, its pods are ready and the Service selects it. No warm standby: this
        //    walkthrough's rollback is a full rollout whatever the timing (WarmRollbackOnClusterTest has the warm one).
        JsonNode created = command("POST", "/v1/endpoints", "application/json", Map.of("Idempotency-Key",
                "system-test-create-" + UUID.randomUUID()), """
                {"name": "%s", "comment": "first deploy",
                 "config": {"model": {"name": "%s", "source": "%s"},
                            "accelerator": {"type": "NVIDIA_H100", "count": 1},
                            "autoscaling": {"minReplicas": 1, "maxReplicas": 2},
                            "rollout": {"warmStandbySeconds": 0}}}
                """.formatted(NAME, LLAMA, LLAMA_SOURCE), 201);
        String id = created.path("endpointId").asText();
        assertThat(id).isNotBlank();
        assertThat(created.path("version").asInt()).isZero();
        assertThat(created.path("origin").asText()).isEqualTo("CREATE");

        try (ReadyEndpointsProbe probe = new ReadyEndpointsProbe(kube, NAMESPACE, NAME)) {
            JsonNode v0 = awaitVersionStatus(id, 0, "CURRENT", created.path("sequence").asLong());
            assertThat(v0.path("createdBy").asText()).isEqualTo(DEPLOYER);
            List<Pod> v0Pods = pods(kube, id, 0);
            assertThat(v0Pods).as("v0's pods").isNotEmpty().allMatch(MainJobTest::isReady);
            assertThat(selector(kube)).isEqualTo(Map.of(ENDPOINT_ID_LABEL, id, VERSION_LABEL, "0"));
            await("the probe to see v0's ready endpoint").atMost(Duration.ofSeconds(10)).until(probe::everReady);

            // 2. Change the model: v1 takes over, v0 is superseded, the change is exactly the model.
            JsonNode updated = command("PATCH", "/v1/endpoints/" + id, "application/merge-patch+json",
                    Map.of("If-Match", "\"0\""), """
                    {"config": {"model": {"name": "%s", "source": "%s"}}, "comment": "try Qwen"}
                    """.formatted(QWEN, QWEN_SOURCE), 202);
            JsonNode modelChanges = JSON.readTree("""
                    [{"field": "model.name", "from": "%s", "to": "%s"},
                     {"field": "model.source", "from": "%s", "to": "%s"}]
                    """.formatted(LLAMA, QWEN, LLAMA_SOURCE, QWEN_SOURCE));
            assertThat(updated.path("version").asInt()).isEqualTo(1);
            assertThat(updated.path("changes")).isEqualTo(modelChanges);
            JsonNode v1 = awaitVersionStatus(id, 1, "CURRENT", updated.path("sequence").asLong());
            assertThat(v1.path("changes")).isEqualTo(modelChanges);
            assertThat(version(id, 0, 0).path("status").asText()).isEqualTo("SUPERSEDED");
            assertThat(pods(kube, id, 1)).as("v1's pods").isNotEmpty().allMatch(MainJobTest::isReady);
            assertThat(selector(kube)).isEqualTo(Map.of(ENDPOINT_ID_LABEL, id, VERSION_LABEL, "1"));

            // 3. 8 replicas x 8 B200 cannot fit: v2 fails before touching the cluster, v1 keeps serving.
            JsonNode tooBig = command("PATCH", "/v1/endpoints/" + id, "application/merge-patch+json",
                    Map.of("If-Match", "\"1\""), """
                    {"config": {"accelerator": {"type": "NVIDIA_B200", "count": 8},
                                "autoscaling": {"minReplicas": 8, "maxReplicas": 8}},
                     "comment": "scale out on B200"}
                    """, 202);
            assertThat(tooBig.path("version").asInt()).isEqualTo(2);
            JsonNode v2 = awaitVersionStatus(id, 2, "FAILED", tooBig.path("sequence").asLong());
            assertThat(v2.path("failure").path("category").asText()).isEqualTo("RESOURCES");
            assertThat(v2.path("failure").path("code").asText()).isEqualTo("INSUFFICIENT_GPU");
            JsonNode endpoint = query("/v1/endpoints/" + id, 0);
            assertThat(endpoint.path("currentVersion").asInt()).isEqualTo(1);
            assertThat(selector(kube)).isEqualTo(Map.of(ENDPOINT_ID_LABEL, id, VERSION_LABEL, "1"));
            assertThat(pods(kube, id, 1)).as("v1's pods").isNotEmpty().allMatch(MainJobTest::isReady);
            Map<String, String> v2Labels = Map.of(ENDPOINT_ID_LABEL, id, VERSION_LABEL, "2");
            assertThat(kube.apps().deployments().inNamespace(NAMESPACE).withLabels(v2Labels).list().getItems())
                    .as("v2's Deployments").isEmpty();
            assertThat(kube.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withLabels(v2Labels)
                    .list().getItems()).as("v2's autoscalers").isEmpty();
            assertThat(pods(kube, id, 2)).as("v2's pods").isEmpty();

            // 4. Roll back to v0: v3 carries v0's settings and takes over.
            JsonNode rolledBack = command("POST", "/v1/endpoints/" + id + "/rollback", "application/json", Map.of(),
                    """
                    {"targetVersion": 0, "comment": "back to Llama"}
                    """, 202);
            assertThat(rolledBack.path("version").asInt()).isEqualTo(3);
            assertThat(rolledBack.path("origin").asText()).isEqualTo("ROLLBACK");
            assertThat(rolledBack.path("rollbackOf").asInt(-1)).isZero();
            JsonNode v3 = awaitVersionStatus(id, 3, "CURRENT", rolledBack.path("sequence").asLong());
            assertThat(v3.path("rollbackOf").isInt()).isTrue();
            assertThat(v3.path("rollbackOf").asInt()).isZero();
            assertThat(v3.path("config")).as("v3's settings are v0's").isEqualTo(v0.path("config"));
            assertThat(pods(kube, id, 3)).as("v3's pods").isNotEmpty().allMatch(MainJobTest::isReady);
            assertThat(selector(kube)).isEqualTo(Map.of(ENDPOINT_ID_LABEL, id, VERSION_LABEL, "3"));

            // 5. History, diff, audit log, and the events on Kafka.
            long lastSequence = query("/v1/endpoints/" + id, 0).path("sequence").asLong();
            JsonNode history = query("/v1/endpoints/" + id + "/versions?limit=10", lastSequence);
            List<String> rows = new ArrayList<>();
            history.path("items").forEach(item -> rows.add("v" + item.path("version").asInt() + " "
                    + item.path("status").asText() + " " + item.path("origin").asText() + " " + item.path("createdBy").asText()));
            assertThat(rows).containsExactly(
                    "v3 CURRENT ROLLBACK " + DEPLOYER, "v2 FAILED UPDATE " + DEPLOYER,
                    "v1 SUPERSEDED UPDATE " + DEPLOYER, "v0 SUPERSEDED CREATE " + DEPLOYER);

            JsonNode diff = query("/v1/endpoints/" + id + "/diff?from=1&to=3", lastSequence);
            assertThat(diff.path("changes")).isEqualTo(JSON.readTree("""
                    [{"field": "model.name", "from": "%s", "to": "%s"},
                     {"field": "model.source", "from": "%s", "to": "%s"}]
                    """.formatted(QWEN, LLAMA, QWEN_SOURCE, LLAMA_SOURCE)));

            JsonNode audit = query("/v1/audit?endpointId=" + id + "&limit=100", lastSequence);
            List<String> entries = new ArrayList<>();
            audit.path("items").forEach(e -> entries.add(0,
                    e.path("action").asText() + " v" + e.path("version").asInt() + " by " + e.path("actor").asText()));
            assertThat(entries).containsExactly(
                    "CREATE v0 by " + DEPLOYER, "ROLLOUT_SUCCEEDED v0 by " + WORKER,
                    "UPDATE v1 by " + DEPLOYER, "ROLLOUT_SUCCEEDED v1 by " + WORKER,
                    "UPDATE v2 by " + DEPLOYER, "ROLLOUT_FAILED v2 by " + WORKER,
                    "ROLLBACK v3 by " + DEPLOYER, "ROLLOUT_SUCCEEDED v3 by " + WORKER);

            assertEventsOnKafka(kafkaBootstrap, id, lastSequence, history);

            // 6. Throughout, the Service never had zero ready endpoints once v0 was ready.
            probe.close();
            System.out.printf("SYSTEM TEST probe: %d reads of the Service's ready endpoints, %d unanswered (last: %s)%n",
                    probe.reads(), probe.errors(), probe.lastError());
            assertThat(probe.everReady()).isTrue();
            assertThat(probe.outages()).as("reads that found no ready endpoint").isEmpty();
            assertThat(probe.reads()).as("reads of the Service's ready endpoints").isGreaterThan(100);
        }
    }

    /** A plain consumer of its own group, from the earliest offset, sees the endpoint's whole history in order. */
    private void assertEventsOnKafka(String bootstrap, String id, long lastSequence, JsonNode history) throws IOException {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(TOPIC));
            await("every event of the endpoint on " + TOPIC).atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .pollInterval(Duration.ZERO).pollDelay(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            if (id.equals(header(record, "ce_subject"))) {
                                records.add(record);
                            }
                        }
                        return records.stream().anyMatch(r -> Long.parseLong(header(r, "ce_endpointsequence")) >= lastSequence);
                    });
        }

        List<Long> sequences = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Map<Integer, List<String>> typesByVersion = new LinkedHashMap<>();
        List<Integer> versionOrder = new ArrayList<>();
        String source = header(records.get(0), "ce_source");
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String type = header(record, "ce_type");
            String where = "record at partition " + record.partition() + " offset " + record.offset() + " (" + type + ")";
            assertThat(record.key()).as("key of " + where).isNotNull();
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).as("key of " + where).isEqualTo(id);
            assertThat(header(record, "ce_id")).as("ce_id of " + where).isNotBlank();
            assertThat(type).as("ce_type of " + where).matches("io\\.inferctl\\.endpoint\\.[A-Za-z]+\\.v\\d+");
            assertThat(header(record, "ce_source")).as("ce_source of " + where).isNotBlank().isEqualTo(source);
            assertThat(header(record, "ce_subject")).as("ce_subject of " + where).isEqualTo(id);
            assertThat(OffsetDateTime.parse(header(record, "ce_time"))).as("ce_time of " + where).isNotNull();
            String name = type.substring("io.inferctl.endpoint.".length(), type.lastIndexOf(".v"));
            String revision = type.substring(type.lastIndexOf(".v"));
            assertThat(header(record, "ce_dataschema")).as("ce_dataschema of " + where)
                    .startsWith(commandUrl + "/v1/schemas/events/").endsWith(name + revision + ".schema.json");
            sequences.add(Long.parseLong(header(record, "ce_endpointsequence")));
            types.add(name);
            int version = JSON.readTree(record.value()).path("version").asInt(-1);
            assertThat(version).as("version in the body of " + where).isNotNegative();
            typesByVersion.computeIfAbsent(version, v -> new ArrayList<>()).add(name);
            if (versionOrder.isEmpty() || versionOrder.get(versionOrder.size() - 1) != version) {
                versionOrder.add(version);
            }
        }
        List<Long> expectedSequences = new ArrayList<>();
        for (long s = 0; s <= lastSequence; s++) {
            expectedSequences.add(s);
        }
        assertThat(sequences).as("ce_endpointsequence of the endpoint's records, in order").isEqualTo(expectedSequences);
        assertThat(records.stream().map(r -> header(r, "ce_id")).distinct().count()).isEqualTo(records.size());
        assertThat(types.get(0)).isEqualTo("EndpointVersionCreated");
        assertThat(types.get(types.size() - 1)).isEqualTo("RolloutSucceeded");
        assertThat(versionOrder).as("versions of the events, in order").containsExactly(0, 1, 2, 3);
        assertThat(typesByVersion.get(2)).last().isEqualTo("RolloutFailed");
        assertThat(typesByVersion.get(3)).last().isEqualTo("RolloutSucceeded");
        // Each version's events are its timeline in the query API (less the entry that marks it superseded).
        for (JsonNode item : history.path("items")) {
            List<String> timeline = new ArrayList<>();
            item.path("timeline").forEach(entry -> {
                if (!"SUPERSEDED".equals(entry.path("status").asText())) {
                    timeline.add(entry.path("event").asText());
                }
            });
            assertThat(typesByVersion.get(item.path("version").asInt()))
                    .as("events of v" + item.path("version").asInt() + " on Kafka vs its timeline")
                    .isEqualTo(timeline);
        }
        System.out.printf("SYSTEM TEST Kafka: %d events of the endpoint, sequences 0..%d: %s%n",
                records.size(), lastSequence, types);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        assertThat(header).as(key + " header of record at offset " + record.offset()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode awaitVersionStatus(String id, int version, String status, long minSequence) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("v" + version + " to be " + status).atMost(ROLLOUT_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode answer = version(id, version, minSequence);
                    last.set(answer);
                    String now = answer.path("status").asText();
                    if (!now.equals(status) && !now.equals("PENDING") && !now.equals("ROLLING_OUT")) {
                        // An end other than the expected one: no point in waiting (not an AssertionError, so it is not retried).
                        throw new IllegalStateException("v" + version + " ended " + now + " instead of " + status + ": " + answer);
                    }
                    assertThat(answer.path("status").asText()).as("status of v" + version).isEqualTo(status);
                });
        return last.get();
    }

    private JsonNode version(String id, int version, long minSequence) {
        return query("/v1/endpoints/" + id + "/versions/" + version, minSequence);
    }

    /** A query with read-your-writes: waits while the read model is behind {@code minSequence} (503). */
    private JsonNode query(String path, long minSequence) {
        String url = queryUrl + path + (path.contains("?") ? "&" : "?") + "minSequence=" + minSequence;
        AtomicReference<JsonNode> body = new AtomicReference<>();
        await("GET " + path).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + viewerToken)
                            .header("Accept", "application/json")
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 503) {
                        return false;
                    }
                    assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
                    body.set(JSON.readTree(response.body()));
                    return true;
                });
        return body.get();
    }

    private JsonNode command(String method, String path, String contentType, Map<String, String> headers,
                             String body, int expectedStatus) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                .header("Authorization", "Bearer " + deployerToken)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("ETag")).as("ETag of " + method + " " + path)
                .contains("\"" + answer.path("version").asInt() + "\"");
        assertThat(answer.path("sequence").isIntegralNumber()).as("sequence in " + answer).isTrue();
        return answer;
    }

    private static List<Pod> pods(KubernetesClient kube, String id, int version) {
        return kube.pods().inNamespace(NAMESPACE)
                .withLabels(Map.of(ENDPOINT_ID_LABEL, id, VERSION_LABEL, String.valueOf(version)))
                .list().getItems();
    }

    private static Map<String, String> selector(KubernetesClient kube) {
        Service service = kube.services().inNamespace(NAMESPACE).withName(NAME).get();
        assertThat(service).as("Service " + NAME).isNotNull();
        return service.getSpec().getSelector();
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
