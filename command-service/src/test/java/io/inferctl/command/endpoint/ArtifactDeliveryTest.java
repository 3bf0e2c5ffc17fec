package io.inferctl.command.endpoint;

import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.command.DeployArtifactCommand;
import io.inferctl.events.command.EndpointCommand;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.version.VersionOrigin;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.inferctl.command.endpoint.EndpointFixtures.CLOCK;
import static io.inferctl.command.endpoint.EndpointFixtures.ID;
import static io.inferctl.command.endpoint.EndpointFixtures.NAME;
import static io.inferctl.command.endpoint.EndpointFixtures.NOW;
import static io.inferctl.command.endpoint.EndpointFixtures.V0_CONFIG;
import static io.inferctl.command.endpoint.EndpointFixtures.WORKER;
import static io.inferctl.command.endpoint.EndpointFixtures.servingV0;
import static io.inferctl.command.endpoint.EndpointTest.refusal;
import static io.inferctl.command.endpoint.EndpointTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

/** A registry's "artifact ready" as the Endpoint decides it. */
class ArtifactDeliveryTest {

    private static final String CREATOR = "webhook:wandb-prod";
    private static final String ARTIFACT = "wandb://acme/llm/llama-chat:v3";

    private AggregateTestFixture<Endpoint> fixture;
    private final EndpointTest.InMemoryNames names = new EndpointTest.InMemoryNames();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Endpoint.class);
        fixture.registerCommandTargetResolver(
                command -> new VersionedAggregateIdentifier(((EndpointCommand) command.getPayload()).endpointId(), null));
        fixture.registerInjectableResource(EndpointFixtures.defaultPolicy());
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(CLOCK);
    }

    private static DeployArtifactCommand deploy(EndpointConfig template, String source, String revision) {
        return new DeployArtifactCommand(ID, NAME, template, source, revision, "webhook delivery msg_1: " + source, CREATOR);
    }

    @Test
    void theFirstDeliveryCreatesVersionZeroFromTheTemplateWithTheArtifactAsSource() {
        EndpointConfig first = V0_CONFIG.with(Map.of(ConfigField.MODEL_SOURCE, ARTIFACT));
        fixture.givenNoPriorActivity()
                .when(deploy(V0_CONFIG, ARTIFACT, null))
                .expectEvents(new EndpointVersionCreated(ID, NAME, 0, VersionOrigin.WEBHOOK, null, first,
                        first.changesFrom(null), CREATOR, NOW, "webhook delivery msg_1: " + ARTIFACT, null));
        assertThat(names.holders).containsEntry(NAME, ID);
    }

    @Test
    void aLaterDeliveryCreatesTheNextVersionChangingOnlyTheModel() {
        EndpointConfig next = V0_CONFIG.with(Map.of(ConfigField.MODEL_SOURCE, ARTIFACT, ConfigField.MODEL_REVISION, "abc123"));
        fixture.given(servingV0())
                .when(deploy(null, ARTIFACT, "abc123"))
                .expectEvents(new EndpointVersionCreated(ID, NAME, 1, VersionOrigin.WEBHOOK, null, next,
                        List.of(new FieldChange("model.source", V0_CONFIG.model().source(), ARTIFACT),
                                new FieldChange("model.revision", null, "abc123")),
                        CREATOR, NOW, "webhook delivery msg_1: " + ARTIFACT, 0));
    }

    @Test
    void theArtifactAlreadyServingCreatesNothing() {
        fixture.given(servingV0())
                .when(deploy(null, V0_CONFIG.model().source(), V0_CONFIG.model().revision()))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<MutationResult>() {
                    @Override
                    protected boolean matchesSafely(MutationResult item) {
                        return item.kind() == MutationResult.Kind.UNCHANGED && item.version() == 0;
                    }

                    @Override
                    public void describeTo(org.hamcrest.Description description) {
                        description.appendText("unchanged at v0");
                    }
                });
    }

    @Test
    void aDeliveryDuringARolloutIsRefusedNamingTheVersionInProgress() {
        List<Object> rollingOut = new ArrayList<>(List.of(EndpointFixtures.v0(), new RolloutStarted(ID, 0, WORKER, NOW)));
        fixture.given(rollingOut)
                .when(deploy(null, ARTIFACT, null))
                .expectNoEvents()
                .expectException(refusal(RefusalCode.ROLLOUT_IN_PROGRESS, "inProgressVersion", 0));
    }

    @Test
    void withoutATemplateAMissingEndpointIsNotFoundAndNothingIsCreated() {
        fixture.givenNoPriorActivity()
                .when(deploy(null, ARTIFACT, null))
                .expectNoEvents()
                .expectException(refusal(RefusalCode.ENDPOINT_NOT_FOUND));
        assertThat(names.holders).isEmpty();
    }

    @Test
    void anArtifactTheApiWouldRefuseAsSourceIsRefusedWithItsField() {
        fixture.given(servingV0())
                .when(deploy(null, "ftp://models/llama", null))
                .expectNoEvents()
                .expectException(violations("config.model.source"));
    }

    @Test
    void theTemplatesNameTakenByAnotherEndpointIsRefused() {
        Map<String, String> taken = new HashMap<>(Map.of(NAME, "someone-else"));
        names.holders.putAll(taken);
        fixture.givenNoPriorActivity()
                .when(deploy(V0_CONFIG, ARTIFACT, null))
                .expectNoEvents()
                .expectException(refusal(RefusalCode.NAME_TAKEN));
    }
}
