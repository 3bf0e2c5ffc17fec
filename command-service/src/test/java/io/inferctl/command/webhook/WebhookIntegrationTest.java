package io.inferctl.command.webhook;

import io.inferctl.events.WebhookIntegrationCreated;
import io.inferctl.events.WebhookIntegrationDeleted;
import io.inferctl.events.WebhookIntegrationDisabled;
import io.inferctl.events.WebhookSecretRotated;
import io.inferctl.events.webhook.PayloadFormat;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookIntegrationTest {

    private static final String ID = "5a0e8f3c-7d2b-4c61-9e4f-1b2a3c4d5e6f";
    private static final String ENDPOINT = "0b7d1a52-3f0c-4a8e-9d51-6a3c2f1e9b10";
    private static final String ADMIN = "admin@example.com";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration OVERLAP = Duration.ofHours(24);

    private AggregateTestFixture<WebhookIntegration> fixture;
    private final InMemoryVault vault = new InMemoryVault();
    private final InMemoryDirectory directory = new InMemoryDirectory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WebhookIntegration.class);
        fixture.registerCommandTargetResolver(command -> new VersionedAggregateIdentifier(
                ((WebhookIntegrationCommand) command.getPayload()).integrationId(), null));
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new WebhookProperties("unused-here", "http://localhost:8081",
                Duration.ofMinutes(5), OVERLAP, Duration.ofSeconds(5), 10, Duration.ofMinutes(1), 100));
    }

    private static WebhookIntegrationCreated created() {
        return new WebhookIntegrationCreated(ID, "wandb-prod", ENDPOINT, "llama-chat", null, PayloadFormat.WANDB,
                "production", 1, ADMIN, NOW);
    }

    @Test
    void creatingIssuesTheFirstSecretOutsideTheEventAndAnswersItOnce() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookIntegrationCommand(ID, "wandb-prod", ENDPOINT, "llama-chat", null,
                        PayloadFormat.WANDB, "production", ADMIN))
                .expectEvents(created())
                .expectResultMessagePayloadMatching(result(r -> r.secretVersion() == 1
                        && r.secret().equals(vault.issued.get(0)) && r.status() == IntegrationStatus.ENABLED));
        assertThat(vault.issued).singleElement().asString().startsWith("whsec_");
        assertThat(directory.names).containsEntry("wandb-prod", ID);
    }

    @Test
    void aNameHeldByAnotherIntegrationIsRefusedAndNoSecretIssued() {
        directory.names.put("wandb-prod", "another");
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookIntegrationCommand(ID, "wandb-prod", ENDPOINT, "llama-chat", null,
                        PayloadFormat.WANDB, null, ADMIN))
                .expectNoEvents()
                .expectException(refusal(IntegrationRefusedException.Code.INTEGRATION_NAME_TAKEN));
        assertThat(vault.issued).isEmpty();
    }

    @Test
    void rotatingIssuesTheNextSecretAndKeepsThePreviousForTheOverlap() {
        fixture.given(created())
                .when(new RotateWebhookSecretCommand(ID, ADMIN))
                .expectEvents(new WebhookSecretRotated(ID, ENDPOINT, "llama-chat", 2, NOW.plus(OVERLAP), ADMIN, NOW))
                .expectResultMessagePayloadMatching(result(r -> r.secretVersion() == 2
                        && r.previousValidUntil().equals(NOW.plus(OVERLAP)) && r.secret() != null));
        assertThat(vault.retired).containsExactly("before 2 until " + NOW.plus(OVERLAP));
    }

    @Test
    void aDisabledIntegrationCannotBeRotated() {
        fixture.given(created(), new WebhookIntegrationDisabled(ID, ENDPOINT, "llama-chat", ADMIN, NOW, null))
                .when(new RotateWebhookSecretCommand(ID, ADMIN))
                .expectNoEvents()
                .expectException(refusal(IntegrationRefusedException.Code.INTEGRATION_DISABLED));
        assertThat(vault.issued).isEmpty();
    }

    @Test
    void disablingTwiceRecordsItOnce() {
        fixture.given(created(), new WebhookIntegrationDisabled(ID, ENDPOINT, "llama-chat", ADMIN, NOW, "moved"))
                .when(new DisableWebhookIntegrationCommand(ID, "again", ADMIN))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result(r -> r.status() == IntegrationStatus.DISABLED));
    }

    @Test
    void deletingDestroysTheSecretsAndAfterwardsTheIntegrationIsNotFound() {
        fixture.given(created())
                .when(new DeleteWebhookIntegrationCommand(ID, "retired", ADMIN))
                .expectEvents(new WebhookIntegrationDeleted(ID, ENDPOINT, "llama-chat", ADMIN, NOW, "retired"));
        assertThat(vault.destroyed).containsExactly(ID);
        assertThat(directory.statuses).containsEntry(ID, IntegrationStatus.DELETED);

        fixture.given(created(), new WebhookIntegrationDeleted(ID, ENDPOINT, "llama-chat", ADMIN, NOW, null))
                .when(new RotateWebhookSecretCommand(ID, ADMIN))
                .expectNoEvents()
                .expectException(refusal(IntegrationRefusedException.Code.INTEGRATION_NOT_FOUND));
    }

    private static Matcher<IntegrationResult> result(Predicate<IntegrationResult> expectation) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(IntegrationResult item) {
                return expectation.test(item);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an integration result as expected");
            }
        };
    }

    private static Matcher<Throwable> refusal(IntegrationRefusedException.Code code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof IntegrationRefusedException refused && refused.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("refusal " + code);
            }
        };
    }

    static final class InMemoryVault implements SecretVault {
        final List<String> issued = new ArrayList<>();
        final List<String> retired = new ArrayList<>();
        final List<String> destroyed = new ArrayList<>();

        @Override
        public String issue(String integrationId, int secretVersion) {
            String secret = "whsec_test-" + integrationId + "-" + secretVersion;
            issued.add(secret);
            return secret;
        }

        @Override
        public void retireBefore(String integrationId, int secretVersion, Instant until) {
            retired.add("before " + secretVersion + " until " + until);
        }

        @Override
        public void destroy(String integrationId) {
            destroyed.add(integrationId);
        }
    }

    static final class InMemoryDirectory implements IntegrationDirectory {
        final Map<String, String> names = new HashMap<>();
        final Map<String, IntegrationStatus> statuses = new HashMap<>();

        @Override
        public boolean register(WebhookIntegrationCreated created) {
            return names.putIfAbsent(created.name(), created.integrationId()) == null;
        }

        @Override
        public void changeStatus(String integrationId, IntegrationStatus status) {
            statuses.put(integrationId, status);
        }
    }
}
