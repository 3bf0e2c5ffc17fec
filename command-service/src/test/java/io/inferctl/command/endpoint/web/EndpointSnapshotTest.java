package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshots of an endpoint carry the aggregate's revision, so a snapshot of an earlier shape is never restored. */
class EndpointSnapshotTest extends CommandServiceTest {

    @Test
    void snapshotsAreStoredWithTheAggregatesRevision() {
        String id = endpointWithLongHistory(unique("rev"));

        List<String> revisions = jdbc.sql("SELECT payload_revision FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(String.class).list();

        assertThat(revisions).isNotEmpty().containsOnly("4");
    }

    @Test
    void aSnapshotOfTheEarlierShapeIsSkippedAndTheEndpointRebuiltFromItsEvents() {
        String id = endpointWithLongHistory(unique("old-shape"));
        // The shape before the version bookkeeping moved into its own member, stored without a revision.
        String earlierShape = "{\"endpointId\":\"" + id + "\",\"name\":\"x\",\"deleted\":false,\"sequence\":1,"
                + "\"latestVersion\":0,\"latestStatus\":\"PENDING\",\"servedConfigs\":{}}";
        jdbc.sql("UPDATE snapshot_event_entry SET payload = :payload, payload_revision = NULL "
                        + "WHERE aggregate_identifier = :id")
                .param("payload", earlierShape.getBytes(StandardCharsets.UTF_8)).param("id", id).update();

        Api.Response rollback = api.post("/v1/endpoints/" + id + "/rollback").as(Tokens.ALICE)
                .json(Map.of("targetVersion", 2)).send();

        assertThat(rollback.status()).as(rollback.toString()).isEqualTo(202);
        assertThat(rollback.body().get("version").asInt()).isEqualTo(7);
        assertThat(rollback.body().at("/changes/0/to").asInt()).isEqualTo(66);
    }

    private String endpointWithLongHistory(String name) {
        String id = servingEndpoint(name);
        for (int version = 1; version <= 6; version++) {
            Api.Response change = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(version - 1)
                    .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 64 + version)))).send();
            assertThat(change.status()).as(change.toString()).isEqualTo(202);
            reportServing(id, version);
        }
        return id;
    }
}
