package io.inferctl.query.projection.kafka;

import io.inferctl.events.config.ConfigField;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import io.inferctl.query.QueryServiceApplication;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-service instances on one read model (README, "Running on real infrastructure"): they
 * share the topic's partitions through the consumer group, every event is applied once whichever
 * instance holds its partition, and when one instance stops the other takes its partitions over.
 */
class ProjectionAcrossInstancesTest extends QueryServiceTest {

    private static final Duration REBALANCED = Duration.ofSeconds(60);
    private static final int ENDPOINTS = 12;

    @Test
    void twoInstancesShareThePartitionsAndTheSurvivorTakesThemOver() throws Exception {
        List<EndpointHistory> before = histories("shared-before");
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            await("both instances to hold partitions of " + projection.topic()).atMost(REBALANCED)
                    .until(() -> membersWithPartitions() == 2);
            publishAndAwait(before.toArray(EndpointHistory[]::new));
            assertAppliedOnce(before);
        }

        await("the remaining instance to hold every partition").atMost(REBALANCED)
                .until(() -> membersWithPartitions() == 1);
        List<EndpointHistory> after = histories("shared-after");
        publishAndAwait(after.toArray(EndpointHistory[]::new));
        assertAppliedOnce(after);
        assertAppliedOnce(before);
    }

    private static List<EndpointHistory> histories(String prefix) {
        // Enough endpoints that their keys land on every partition of the topic.
        return IntStream.range(0, ENDPOINTS).mapToObj(i -> EndpointHistory.of(prefix + "-" + i).created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2), "two").started().succeeded()).toList();
    }

    /** Each endpoint has its versions once and every event of it was received once: none lost, none applied twice. */
    private void assertAppliedOnce(List<EndpointHistory> histories) {
        for (EndpointHistory history : histories) {
            String id = history.endpointId();
            assertThat(jdbc.queryForList("SELECT version FROM endpoint_version WHERE endpoint_id = ? ORDER BY version",
                    Integer.class, id)).as(id).containsExactly(0, 1);
            assertThat(jdbc.queryForList("SELECT sequence FROM processed_event WHERE endpoint_id = ? ORDER BY sequence",
                    Long.class, id)).as("events of " + id + " received")
                    .containsExactlyElementsOf(LongStream.rangeClosed(0, history.lastSequence()).boxed().toList());
            assertThat(projectedSequence(id)).as(id).isEqualTo(history.lastSequence());
        }
    }

    private int membersWithPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(projection.groupId()))
                    .describedGroups().get(projection.groupId()).get(10, TimeUnit.SECONDS);
            return (int) group.members().stream().map(MemberDescription::assignment)
                    .filter(assignment -> assignment.topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals(projection.topic())))
                    .count();
        }
    }

    /** A second instance of this service: its own port, the same database, broker and consumer group. */
    private static ConfigurableApplicationContext startSecondInstance() {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.config.name=" + QueryServiceApplication.CONFIG_NAME,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + SharedInfrastructure.postgres().ensureDatabase(DATABASE),
                "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers()));
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(arguments.toArray(String[]::new));
    }
}
