package io.inferctl.infra.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prints every record of a topic from the beginning, with its headers, and keeps following it: a
 * plain Kafka consumer for people without Kafka's command-line tools.
 *
 * <pre>java -cp embedded-infrastructure-exec.jar -Dloader.main=io.inferctl.infra.kafka.TopicTail \
 *      org.springframework.boot.loader.launch.PropertiesLauncher localhost:19092 endpoint-events</pre>
 */
public final class TopicTail {

    private TopicTail() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TopicTail <bootstrap-servers> <topic>");
            System.exit(2);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, "topic-tail-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(args[1]));
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    StringBuilder line = new StringBuilder()
                            .append("partition=").append(record.partition())
                            .append(" offset=").append(record.offset())
                            .append(" key=").append(record.key());
                    for (Header header : record.headers()) {
                        line.append(' ').append(header.key()).append('=')
                                .append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    System.out.println(line);
                    System.out.println("  " + record.value());
                }
            }
        }
    }
}
