package io.inferctl.command.eventstore;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.config.RolloutPolicy;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EarlierRevisionTest extends CommandServiceTest {

    @Autowired
    private EventStore eventStore;

    @Test
    void versionsStoredAtRevisionOneReadAsBasedOnTheVersionBeforeAndTheEndpointKeepsTakingChanges() {
        String id = servingEndpoint(unique("revision-one"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)))).send();
        reportServing(id, 1);
        int rewritten = storeAsRevisionOne(id);

        List<EndpointVersionCreated> versions = eventStore.readEvents(id, 0).asStream()
                .map(EventMessage::getPayload)
                .filter(EndpointVersionCreated.class::isInstance).map(EndpointVersionCreated.class::cast)
                .toList();
        Api.Response next = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", 4)))).send();

        assertThat(rewritten).isEqualTo(2);
        assertThat(versions).extracting(EndpointVersionCreated::basedOn).containsExactly(null, 0);
        assertThat(next.status()).isEqualTo(202);
        assertThat(next.body().get("basedOn").asInt()).isEqualTo(1);
        assertThat(next.body().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void versionsStoredAtRevisionTwoReadWithTheDefaultRolloutPolicyAndAPolicyChangeIsDiffedFromIt() {
        String id = servingEndpoint(unique("revision-two"));
        int rewritten = storeAsRevisionTwo(id);

        List<EndpointVersionCreated> versions = eventStore.readEvents(id, 0).asStream()
                .map(EventMessage::getPayload)
                .filter(EndpointVersionCreated.class::isInstance).map(EndpointVersionCreated.class::cast)
                .toList();
        Api.Response next = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("rollout", Map.of("standbyReplicas", 2)))).send();

        assertThat(rewritten).isEqualTo(1);
        assertThat(versions).extracting(v -> v.config().rollout()).containsExactly(RolloutPolicy.DEFAULT);
        assertThat(next.status()).as(next.toString()).isEqualTo(202);
        assertThat(next.body().get("changes")).hasSize(1);
        assertThat(next.body().at("/changes/0/field").asText()).isEqualTo("rollout.standbyReplicas");
        assertThat(next.body().at("/changes/0/from").asInt()).isEqualTo(1);
    }

    /** What a command service before the rollout policy stored: no config.rollout, revision 2. */
    private int storeAsRevisionTwo(String endpointId) {
        return jdbc.sql("""
                        UPDATE domain_event_entry
                        SET payload_revision = '2',
                            payload = convert_to((convert_from(payload, 'UTF8')::jsonb #- '{config,rollout}')::text, 'UTF8')
                        WHERE aggregate_identifier = :id AND payload_type = :type""")
                .param("id", endpointId)
                .param("type", EndpointVersionCreated.class.getName())
                .update();
    }

    /** What a command service of the previous release stored: no basedOn, revision 1. */
    private int storeAsRevisionOne(String endpointId) {
        return jdbc.sql("""
                        UPDATE domain_event_entry
                        SET payload_revision = '1',
                            payload = convert_to((convert_from(payload, 'UTF8')::jsonb - 'basedOn')::text, 'UTF8')
                        WHERE aggregate_identifier = :id AND payload_type = :type""")
                .param("id", endpointId)
                .param("type", EndpointVersionCreated.class.getName())
                .update();
    }
}
