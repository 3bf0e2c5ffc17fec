package io.inferctl.command.endpoint;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.command.AbortCanaryCommand;
import io.inferctl.events.command.EndpointCommand;
import io.inferctl.events.command.PromoteCanaryCommand;
import io.inferctl.events.command.ReportRolloutProgressCommand;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.inferctl.command.endpoint.EndpointFixtures.ALICE;
import static io.inferctl.command.endpoint.EndpointFixtures.CLOCK;
import static io.inferctl.command.endpoint.EndpointFixtures.ID;
import static io.inferctl.command.endpoint.EndpointFixtures.NOW;
import static io.inferctl.command.endpoint.EndpointFixtures.V0_CONFIG;
import static io.inferctl.command.endpoint.EndpointFixtures.V1_CONFIG;
import static io.inferctl.command.endpoint.EndpointFixtures.WORKER;
import static io.inferctl.command.endpoint.EndpointFixtures.created;
import static io.inferctl.command.endpoint.EndpointFixtures.servingV0;
import static io.inferctl.command.endpoint.EndpointTest.refusal;
import static io.inferctl.command.endpoint.EndpointTest.result;

/** Promote and abort of a canary, and the canary's share of traffic in progress reports. */
class EndpointCanaryTest {

    private static final String BOB = "bob@example.com";

    private AggregateTestFixture<Endpoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Endpoint.class);
        fixture.registerCommandTargetResolver(
                command -> new VersionedAggregateIdentifier(((EndpointCommand) command.getPayload()).endpointId(), null));
        fixture.registerInjectableResource(EndpointFixtures.defaultPolicy());
        fixture.registerInjectableResource(new EndpointTest.InMemoryNames());
        fixture.registerInjectableResource(CLOCK);
    }

    /** v0 serves; v1 is rolling out and was last reported in {@code phase}. */
    private static List<Object> v1In(RolloutPhase phase, Integer percent) {
        List<Object> history = new ArrayList<>(servingV0());
        history.add(created(1, V1_CONFIG, V0_CONFIG, VersionOrigin.UPDATE, null, 0));
        history.add(new RolloutStarted(ID, 1, WORKER, NOW));
        history.add(new RolloutProgressed(ID, 1, phase, null, WORKER, NOW, percent));
        return history;
    }

    private static List<Object> and(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }

    @Nested
    class Promoting {

        @Test
        void aCanaryIsPromotedOnceWithTheComment() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new PromoteCanaryCommand(ID, 1, "looks good", null, ALICE))
                    .expectEvents(new CanaryPromotionRequested(ID, 1, ALICE, "looks good", NOW))
                    .expectResultMessagePayloadMatching(result(r -> r.changed() && r.version() == 1
                            && r.kind() == MutationResult.Kind.PROMOTION_REQUESTED
                            && r.status() == VersionStatus.ROLLING_OUT));
        }

        @Test
        void aVersionBakingCanBePromotedToSkipTheRestOfItsBakeTime() {
            fixture.given(v1In(RolloutPhase.BAKING, null))
                    .when(new PromoteCanaryCommand(ID, 1, null, null, ALICE))
                    .expectEvents(new CanaryPromotionRequested(ID, 1, ALICE, null, NOW));
        }

        @Test
        void promotingAgainChangesNothing() {
            fixture.given(and(v1In(RolloutPhase.CANARY, 10), new CanaryPromotionRequested(ID, 1, ALICE, null, NOW)))
                    .when(new PromoteCanaryCommand(ID, 1, "again", null, BOB))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(result(r -> !r.changed()
                            && r.kind() == MutationResult.Kind.PROMOTION_REQUESTED));
        }

        @Test
        void aLaterCanaryStepAfterThePromotionStillCountsItOnce() {
            fixture.given(and(v1In(RolloutPhase.CANARY, 10), new CanaryPromotionRequested(ID, 1, ALICE, null, NOW),
                            new RolloutProgressed(ID, 1, RolloutPhase.BAKING, null, WORKER, NOW, null)))
                    .when(new PromoteCanaryCommand(ID, 1, null, null, ALICE))
                    .expectNoEvents();
        }

        @ParameterizedTest
        @EnumSource(value = RolloutPhase.class, names = {"PREFLIGHT", "REQUESTING_GPUS", "DOWNLOADING_MODEL",
                "STARTING_ENGINE", "SWITCHING_TRAFFIC"})
        void aVersionOutsideCanaryOrBakingCannotBePromoted(RolloutPhase phase) {
            fixture.given(v1In(phase, null))
                    .when(new PromoteCanaryCommand(ID, 1, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NOT_IN_CANARY, "latestPhase", phase));
        }

        @Test
        void aVersionWhoseRolloutHasNotReportedAPhaseCannotBePromoted() {
            fixture.given(created(0, V0_CONFIG, null, VersionOrigin.CREATE, null, null), new RolloutStarted(ID, 0, WORKER, NOW))
                    .when(new PromoteCanaryCommand(ID, 0, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NOT_IN_CANARY, "latestStatus", VersionStatus.ROLLING_OUT));
        }

        @Test
        void aVersionThatAlreadyServesCannotBePromoted() {
            fixture.given(and(v1In(RolloutPhase.BAKING, null), new RolloutSucceeded(ID, 1, 0, WORKER, NOW)))
                    .when(new PromoteCanaryCommand(ID, 1, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NOT_IN_CANARY, "latestStatus", VersionStatus.CURRENT));
        }

        @Test
        void anOlderVersionCannotBePromoted() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new PromoteCanaryCommand(ID, 0, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NOT_IN_CANARY, "version", 0));
        }

        @Test
        void anUnknownVersionCannotBePromoted() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new PromoteCanaryCommand(ID, 7, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.VERSION_NOT_FOUND));
        }

        @Test
        void aCanaryBeingAbortedCannotBePromoted() {
            fixture.given(and(v1In(RolloutPhase.CANARY, 10), new RolloutCancellationRequested(ID, 1, BOB, null, NOW)))
                    .when(new PromoteCanaryCommand(ID, 1, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NOT_IN_CANARY, "cancellationRequested", true));
        }

        @Test
        void aPromotionBasedOnAStaleVersionIsRefused() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new PromoteCanaryCommand(ID, 1, null, 0, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.STALE_VERSION, "latestVersion", 1));
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new PromoteCanaryCommand(ID, 1, null, 1, ALICE))
                    .expectEvents(new CanaryPromotionRequested(ID, 1, ALICE, null, NOW));
        }
    }

    @Nested
    class Aborting {

        @Test
        void anAbortIsRecordedAsACancellationWithTheComment() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new AbortCanaryCommand(ID, 1, "error rate up", null, ALICE))
                    .expectEvents(new RolloutCancellationRequested(ID, 1, ALICE, "error rate up", NOW))
                    .expectResultMessagePayloadMatching(result(r -> r.changed() && r.cancellationRequested()
                            && r.kind() == MutationResult.Kind.CANCELLATION_REQUESTED
                            && r.status() == VersionStatus.ROLLING_OUT));
        }

        @Test
        void aPromotedCanaryCanStillBeAbortedWhileItBakes() {
            fixture.given(and(v1In(RolloutPhase.CANARY, 10), new CanaryPromotionRequested(ID, 1, ALICE, null, NOW),
                            new RolloutProgressed(ID, 1, RolloutPhase.BAKING, null, WORKER, NOW, null)))
                    .when(new AbortCanaryCommand(ID, 1, null, null, BOB))
                    .expectEvents(new RolloutCancellationRequested(ID, 1, BOB, null, NOW));
        }

        @Test
        void abortingAgainOrAfterACancelAsksOnce() {
            fixture.given(and(v1In(RolloutPhase.CANARY, 10), new RolloutCancellationRequested(ID, 1, BOB, null, NOW)))
                    .when(new AbortCanaryCommand(ID, 1, "again", null, ALICE))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(result(r -> !r.changed() && r.cancellationRequested()));
        }

        @ParameterizedTest
        @EnumSource(value = RolloutPhase.class, names = {"PREFLIGHT", "DOWNLOADING_MODEL", "SWITCHING_TRAFFIC"})
        void aVersionOutsideCanaryOrBakingCannotBeAborted(RolloutPhase phase) {
            fixture.given(v1In(phase, null))
                    .when(new AbortCanaryCommand(ID, 1, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NOT_IN_CANARY, "latestPhase", phase));
        }

        @Test
        void aVersionThatServesCannotBeAborted() {
            fixture.given(servingV0())
                    .when(new AbortCanaryCommand(ID, 0, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NOT_IN_CANARY, "latestStatus", VersionStatus.CURRENT));
        }

        @Test
        void anAbortBasedOnAStaleVersionIsRefused() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new AbortCanaryCommand(ID, 1, null, 0, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.STALE_VERSION));
        }
    }

    @Nested
    class CanaryProgress {

        @Test
        void eachCanaryStepIsRecordedEvenWithTheSameMessage() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new ReportRolloutProgressCommand(ID, 1, RolloutPhase.CANARY, null, WORKER, 50))
                    .expectEvents(new RolloutProgressed(ID, 1, RolloutPhase.CANARY, null, WORKER, NOW, 50));
        }

        @Test
        void theSameStepReportedAgainAppendsNothing() {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new ReportRolloutProgressCommand(ID, 1, RolloutPhase.CANARY, null, WORKER, 10))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(result(r -> !r.changed()));
        }

        @Test
        void aCanaryStepWithoutItsShareOfTrafficIsRefused() {
            fixture.given(v1In(RolloutPhase.STARTING_ENGINE, null))
                    .when(new ReportRolloutProgressCommand(ID, 1, RolloutPhase.CANARY, null, WORKER, null))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.INVALID_CANARY_PERCENT, "phase", RolloutPhase.CANARY));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 100, -5})
        void aCanaryShareOutsideOneTo99IsRefused(int percent) {
            fixture.given(v1In(RolloutPhase.STARTING_ENGINE, null))
                    .when(new ReportRolloutProgressCommand(ID, 1, RolloutPhase.CANARY, null, WORKER, percent))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.INVALID_CANARY_PERCENT));
        }

        @ParameterizedTest
        @EnumSource(value = RolloutPhase.class, names = "CANARY", mode = EnumSource.Mode.EXCLUDE)
        void anyOtherPhaseWithAShareOfTrafficIsRefused(RolloutPhase phase) {
            fixture.given(v1In(RolloutPhase.CANARY, 10))
                    .when(new ReportRolloutProgressCommand(ID, 1, phase, null, WORKER, 50))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.INVALID_CANARY_PERCENT, "phase", phase));
        }
    }
}
