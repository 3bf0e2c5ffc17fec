package io.inferctl.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.rollout.FailureCode;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointCloudEventsTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");
    private final EndpointCloudEvents cloudEvents =
            new EndpointCloudEvents(URI.create("/inferctl/command-service"), "http://localhost:8081/v1/schemas/events");

    static List<EndpointEvent> events() {
        return List.of(
                new RolloutStarted("ep-1", 1, "rollout-worker", AT),
                new RolloutFailed("ep-1", 1, FailureCode.INSUFFICIENT_GPU.category(), FailureCode.INSUFFICIENT_GPU,
                        "0/4 nodes are available", "preflight", "rollout-worker", AT, null),
                new EndpointDeleted("ep-1", "llama-chat", "bob", AT, null));
    }

    @ParameterizedTest
    @MethodSource("events")
    void anEventReadsBackUnchangedThroughKafkasBinaryMode(EndpointEvent event) {
        StreamedEvent sent = new StreamedEvent("id-7", "ep-1", 7, AT, event);

        StreamedEvent received = EndpointCloudEvents.decode(throughKafka(cloudEvents.encode(sent)));

        assertThat(received).isEqualTo(sent);
    }

    @Test
    void theCloudEventCarriesIdSubjectSequenceAndSchema() {
        CloudEvent encoded = cloudEvents.encode(new StreamedEvent("id-7", "ep-1", 7, AT, events().get(0)));

        assertThat(encoded.getId()).isEqualTo("id-7");
        assertThat(encoded.getSubject()).isEqualTo("ep-1");
        assertThat(encoded.getType()).isEqualTo("io.inferctl.endpoint.RolloutStarted.v1");
        assertThat(encoded.getExtension(EndpointCloudEvents.SEQUENCE_EXTENSION)).isEqualTo(7);
        assertThat(encoded.getExtension(EndpointCloudEvents.PARTITION_KEY_EXTENSION)).isEqualTo("ep-1");
        assertThat(encoded.getDataSchema())
                .hasToString("http://localhost:8081/v1/schemas/events/RolloutStarted.v1.schema.json");
    }

    static List<Object[]> unreadable() {
        return List.<Object[]>of(
                new Object[]{"unknown type", (UnaryOperator<CloudEventBuilder>) b -> b.withType("com.example.Other.v1"),
                        "unknown event type 'com.example.Other.v1'"},
                new Object[]{"no subject", (UnaryOperator<CloudEventBuilder>) b -> b.withSubject(null), "has no subject"},
                new Object[]{"no sequence", (UnaryOperator<CloudEventBuilder>) b -> b.withoutExtension(EndpointCloudEvents.SEQUENCE_EXTENSION),
                        "has no endpointsequence"},
                new Object[]{"bad sequence", (UnaryOperator<CloudEventBuilder>) b -> b.withExtension(EndpointCloudEvents.SEQUENCE_EXTENSION, "x"),
                        "not a sequence number"},
                new Object[]{"no data", (UnaryOperator<CloudEventBuilder>) b -> b.withoutData(), "has no data"},
                new Object[]{"body not JSON", (UnaryOperator<CloudEventBuilder>) b -> b.withData("{oops".getBytes(StandardCharsets.UTF_8)),
                        "has a body that does not read"},
                new Object[]{"body of another endpoint", (UnaryOperator<CloudEventBuilder>) b -> b.withSubject("ep-2"),
                        "its body names endpoint ep-1"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void aRecordThatIsNotOneOfOurEventsIsUnreadableWithAReason(String name, UnaryOperator<CloudEventBuilder> spoil,
                                                                 String reason) {
        CloudEvent good = cloudEvents.encode(new StreamedEvent("id-7", "ep-1", 7, AT, events().get(0)));

        CloudEvent spoiled = spoil.apply(CloudEventBuilder.v1(good)).build();

        assertThatThrownBy(() -> EndpointCloudEvents.decode(spoiled))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aRecordWithoutTimeIsUnreadable() {
        CloudEvent noTime = CloudEventBuilder.v1(cloudEvents.encode(new StreamedEvent("id-7", "ep-1", 7, AT, events().get(0))))
                .withTime((OffsetDateTime) null).build();

        assertThatThrownBy(() -> EndpointCloudEvents.decode(noTime)).hasMessageContaining("has no time");
    }

    @Test
    void aVersionPublishedAtRevisionOneReadsAsBasedOnTheVersionBeforeIt() throws Exception {
        var config = new EndpointConfig(
                new ModelSpec("m", "hf://org/m", null),
                new AcceleratorSpec("NVIDIA_H100", 1),
                new AutoscalingSpec(1, 2, 300),
                new EngineSettings(64, 4096, 8192, true, false, 30000));
        var v3 = new EndpointVersionCreated("ep-1", "llama-chat", 3, VersionOrigin.UPDATE, null, config, List.of(), 1,
                "alice", AT, null, 1);
        var json = EventJson.newMapper().valueToTree(v3);
        ((ObjectNode) json).remove("basedOn");
        ((ObjectNode) json.get("config")).remove("rollout");
        CloudEvent revisionOne = CloudEventBuilder.v1(cloudEvents.encode(new StreamedEvent("id-9", "ep-1", 9, AT, v3)))
                .withType("io.inferctl.endpoint.EndpointVersionCreated.v1")
                .withData(EventJson.newMapper().writeValueAsBytes(json))
                .build();

        EndpointVersionCreated read = (EndpointVersionCreated) EndpointCloudEvents.decode(throughKafka(revisionOne)).event();

        assertThat(read.basedOn()).isEqualTo(2);
        assertThat(read.config()).isEqualTo(config);
    }

    @Test
    void aVersionPublishedAtRevisionTwoReadsWithTheDefaultRolloutPolicy() {
        // As command-service published it before the rollout section existed.
        String stored = """
                {"endpointId":"ep-1","name":"llama-chat","version":1,"origin":"UPDATE","rollbackOf":null,
                 "config":{"model":{"name":"m","source":"hf://org/m","revision":null},
                           "accelerator":{"type":"NVIDIA_H100","count":2},
                           "autoscaling":{"minReplicas":1,"maxReplicas":2,"cooldownSeconds":300},
                           "engine":{"maxBatchSize":64,"maxInputLength":4096,"maxContextLength":8192,
                                     "tokenizerSkipSpecialTokens":true,"tokenizerAddSpecialTokens":false,"queueTimeoutMs":30000}},
                 "changes":[{"field":"accelerator.count","from":1,"to":2}],"basedOn":0,"createdBy":"alice",
                 "createdAt":"2026-11-25T10:15:30.123Z","comment":null,"currentVersion":0}""";
        CloudEvent revisionTwo = CloudEventBuilder.v1(cloudEvents.encode(new StreamedEvent("id-9", "ep-1", 9, AT, events().get(0))))
                .withType("io.inferctl.endpoint.EndpointVersionCreated.v2")
                .withData(stored.getBytes(StandardCharsets.UTF_8))
                .build();

        EndpointVersionCreated read = (EndpointVersionCreated) EndpointCloudEvents.decode(throughKafka(revisionTwo)).event();

        assertThat(read.config().rollout()).isEqualTo(io.inferctl.events.config.RolloutPolicy.DEFAULT);
        assertThat(read.config().accelerator().count()).isEqualTo(2);
        assertThat(read.basedOn()).isEqualTo(0);
    }

    @Test
    void aProgressPublishedAtRevisionOneReadsWithNoCanaryShare() {
        // As the worker's progress was published before canary steps existed.
        String stored = """
                {"endpointId":"ep-1","version":1,"phase":"STARTING_ENGINE","message":"2/2 replicas scheduled",
                 "reportedBy":"rollout-worker","at":"2026-11-25T10:15:30.123Z"}""";
        CloudEvent revisionOne = CloudEventBuilder.v1(cloudEvents.encode(new StreamedEvent("id-9", "ep-1", 9, AT, events().get(0))))
                .withType("io.inferctl.endpoint.RolloutProgressed.v1")
                .withData(stored.getBytes(StandardCharsets.UTF_8))
                .build();

        var read = (io.inferctl.events.RolloutProgressed) EndpointCloudEvents.decode(throughKafka(revisionOne)).event();

        assertThat(read.phase()).isEqualTo(io.inferctl.events.rollout.RolloutPhase.STARTING_ENGINE);
        assertThat(read.message()).isEqualTo("2/2 replicas scheduled");
        assertThat(read.canaryPercent()).isNull();
    }

    @Test
    void anIntegrationPublishedAtRevisionOneReadsItsTemplateWithTheDefaultRolloutPolicy() {
        String stored = """
                {"integrationId":"wh-1","name":"wandb-prod","endpointId":"ep-2","endpointName":"llama-2",
                 "template":{"model":{"name":"m","source":"hf://org/m","revision":null},
                             "accelerator":{"type":"NVIDIA_H100","count":1},
                             "autoscaling":{"minReplicas":1,"maxReplicas":2,"cooldownSeconds":300},
                             "engine":{"maxBatchSize":64,"maxInputLength":4096,"maxContextLength":8192,
                                       "tokenizerSkipSpecialTokens":true,"tokenizerAddSpecialTokens":false,"queueTimeoutMs":30000}},
                 "format":"WANDB","aliasFilter":null,"secretVersion":1,"createdBy":"admin","createdAt":"2026-11-25T10:15:30.123Z"}""";
        CloudEvent revisionOne = CloudEventBuilder.v1(cloudEvents.encode(new StreamedEvent("id-9", "wh-1", 0, AT, events().get(0))))
                .withType("io.inferctl.endpoint.WebhookIntegrationCreated.v1")
                .withData(stored.getBytes(StandardCharsets.UTF_8))
                .build();

        var read = (io.inferctl.events.WebhookIntegrationCreated) EndpointCloudEvents.decode(throughKafka(revisionOne)).event();

        assertThat(read.template().rollout()).isEqualTo(io.inferctl.events.config.RolloutPolicy.DEFAULT);
    }

    @Test
    void aRevisionNoLongerReadIsUnreadable() {
        CloudEvent future = CloudEventBuilder.v1(cloudEvents.encode(new StreamedEvent("id-7", "ep-1", 7, AT, events().get(0))))
                .withType("io.inferctl.endpoint.RolloutStarted.v0").build();

        assertThatThrownBy(() -> EndpointCloudEvents.decode(future)).hasMessageContaining("unknown event type");
    }

    private static CloudEvent throughKafka(CloudEvent event) {
        try (CloudEventSerializer serializer = new CloudEventSerializer();
             CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            serializer.configure(Map.of(), false);
            RecordHeaders headers = new RecordHeaders();
            byte[] value = serializer.serialize("endpoint-events", headers, event);
            return deserializer.deserialize("endpoint-events", headers, value);
        }
    }
}
