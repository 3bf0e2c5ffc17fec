package io.inferctl.query.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.StreamedEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Writes to the events topic exactly as command-service's relay does: binary CloudEvents keyed by endpoint id. */
public final class TopicWriter {

    public static final String TOPIC = "endpoint-events";

    private static TopicWriter shared;

    private final EndpointCloudEvents cloudEvents = new EndpointCloudEvents(URI.create("/inferctl/test"),
            "http://localhost/v1/schemas/events/");
    private final KafkaProducer<String, CloudEvent> events;
    private final KafkaProducer<String, byte[]> raw;

    private TopicWriter(String bootstrap) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 2);
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, "BINARY"), false);
        events = new KafkaProducer<>(config, new StringSerializer(), serializer);
        raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static synchronized TopicWriter shared() {
        if (shared == null) {
            shared = new TopicWriter(SharedInfrastructure.kafka().bootstrapServers());
        }
        return shared;
    }

    public static void ensureTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1")))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** Sends the events in order and waits for the broker to acknowledge every one. */
    public void send(List<StreamedEvent> streamed) {
        List<Future<?>> sends = streamed.stream()
                .<Future<?>>map(e -> events.send(new ProducerRecord<>(TOPIC, e.endpointId(), cloudEvents.encode(e))))
                .toList();
        awaitAll(sends);
    }

    /** Sends the events in order as if published at the given time (the records' timestamp), e.g. long ago. */
    public void send(List<StreamedEvent> streamed, Instant publishedAt) {
        awaitAll(streamed.stream().<Future<?>>map(e -> events.send(new ProducerRecord<>(TOPIC, null,
                publishedAt.toEpochMilli(), e.endpointId(), cloudEvents.encode(e)))).toList());
    }

    /** A record that is not one of our events. */
    public void sendRaw(String key, byte[] value, RecordHeaders headers) {
        awaitAll(List.of(raw.send(new ProducerRecord<>(TOPIC, null, key, value, headers))));
    }

    private static void awaitAll(List<Future<?>> sends) {
        try {
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge", e);
        }
    }
}
