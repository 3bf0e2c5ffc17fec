package io.inferctl.command.endpoint;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.command.CancelRolloutCommand;
import io.inferctl.events.command.CreateEndpointCommand;
import io.inferctl.events.command.DeleteEndpointCommand;
import io.inferctl.events.command.EndpointCommand;
import io.inferctl.events.command.ReportRolloutCancelledCommand;
import io.inferctl.events.command.ReportRolloutFailedCommand;
import io.inferctl.events.command.ReportRolloutProgressCommand;
import io.inferctl.events.command.ReportRolloutStartedCommand;
import io.inferctl.events.command.ReportRolloutSucceededCommand;
import io.inferctl.events.command.RollBackEndpointCommand;
import io.inferctl.events.command.UpdateEndpointConfigCommand;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.inferctl.command.endpoint.EndpointFixtures.ALICE;
import static io.inferctl.command.endpoint.EndpointFixtures.CLOCK;
import static io.inferctl.command.endpoint.EndpointFixtures.GHOST_CONFIG;
import static io.inferctl.command.endpoint.EndpointFixtures.ID;
import static io.inferctl.command.endpoint.EndpointFixtures.NAME;
import static io.inferctl.command.endpoint.EndpointFixtures.NOW;
import static io.inferctl.command.endpoint.EndpointFixtures.V0_CONFIG;
import static io.inferctl.command.endpoint.EndpointFixtures.V1_CONFIG;
import static io.inferctl.command.endpoint.EndpointFixtures.WORKER;
import static io.inferctl.command.endpoint.EndpointFixtures.created;
import static io.inferctl.command.endpoint.EndpointFixtures.createdOn;
import static io.inferctl.command.endpoint.EndpointFixtures.servingV0;
import static io.inferctl.command.endpoint.EndpointFixtures.servingV1;
import static io.inferctl.command.endpoint.EndpointFixtures.v0;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointTest {

    private AggregateTestFixture<Endpoint> fixture;
    private final InMemoryNames names = new InMemoryNames();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Endpoint.class);
        fixture.registerCommandTargetResolver(
                command -> new VersionedAggregateIdentifier(((EndpointCommand) command.getPayload()).endpointId(), null));
        fixture.registerInjectableResource(EndpointFixtures.defaultPolicy());
        fixture.registerInjectableResource(names);
        fixture.registerInjectableResource(CLOCK);
    }

    @Nested
    class Creating {

        @Test
        void createsVersionZeroWithEverySettingAsAChange() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEndpointCommand(ID, NAME, V0_CONFIG, "first deploy", ALICE))
                    .expectEvents(new EndpointVersionCreated(ID, NAME, 0, VersionOrigin.CREATE, null,
                            V0_CONFIG, V0_CONFIG.changesFrom(null), ALICE, NOW, "first deploy", null))
                    .expectResultMessagePayloadMatching(result(r -> r.kind() == MutationResult.Kind.CREATED
                            && r.version() == 0 && r.status() == VersionStatus.PENDING && r.sequence() == 0));
            assertThat(names.holders).containsEntry(NAME, ID);
        }

        @Test
        void aNameHeldByAnotherEndpointIsRefused() {
            names.holders.put(NAME, "someone-else");
            fixture.givenNoPriorActivity()
                    .when(new CreateEndpointCommand(ID, NAME, V0_CONFIG, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.NAME_TAKEN));
        }

        @Test
        void aNameThatIsNotADnsLabelIsRefusedWithItsField() {
            fixture.givenNoPriorActivity()
                    .when(new CreateEndpointCommand(ID, "Llama_Chat", V0_CONFIG, null, ALICE))
                    .expectNoEvents()
                    .expectException(violations("name"));
            assertThat(names.holders).isEmpty();
        }

        @Test
        void everyBrokenRuleOfTheConfigurationIsListed() {
            EndpointConfig bad = V0_CONFIG.with(Map.of(
                    ConfigField.ACCELERATOR_TYPE, "NVIDIA_T4",
                    ConfigField.ACCELERATOR_COUNT, 3,
                    ConfigField.AUTOSCALING_MIN_REPLICAS, 3,
                    ConfigField.MODEL_SOURCE, "ftp://models/llama",
                    ConfigField.ENGINE_MAX_INPUT_LENGTH, 9000));
            fixture.givenNoPriorActivity()
                    .when(new CreateEndpointCommand(ID, NAME, bad, null, ALICE))
                    .expectNoEvents()
                    .expectException(violations("config.accelerator.type", "config.accelerator.count",
                            "config.autoscaling.maxReplicas", "config.model.source", "config.engine.maxInputLength"));
        }

        @Test
        void controlCharactersInTheNameOrTheModelAreRefusedNamingEachField() {
            EndpointConfig bad = V0_CONFIG.with(Map.of(
                    ConfigField.MODEL_NAME, "Llama\u0000",
                    ConfigField.MODEL_SOURCE, "hf://org/mo\u0085del",
                    ConfigField.MODEL_REVISION, "ma\u007Fin"));
            fixture.givenNoPriorActivity()
                    .when(new CreateEndpointCommand(ID, "llama\u0000chat", bad, null, ALICE))
                    .expectNoEvents()
                    .expectException(violations("name", "config.model.name", "config.model.source", "config.model.revision"));
            assertThat(names.holders).isEmpty();
        }
    }

    @Nested
    class Changing {

        @Test
        void aChangeCreatesTheNextVersionListingOnlyWhatChanged() {
            fixture.given(servingV0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 2), "more GPUs", null, ALICE, null))
                    .expectEvents(new EndpointVersionCreated(ID, NAME, 1, VersionOrigin.UPDATE, null,
                            V1_CONFIG, List.of(new FieldChange("accelerator.count", 1, 2)), ALICE, NOW, "more GPUs", 0))
                    .expectResultMessagePayloadMatching(result(r -> r.kind() == MutationResult.Kind.VERSION_CREATED
                            && r.version() == 1 && r.changed() && r.sequence() == 3));
        }

        @Test
        void aChangeThatChangesNothingCreatesNoVersionAndSaysSo() {
            fixture.given(servingV0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 1), null, null, ALICE, null))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(result(r -> r.kind() == MutationResult.Kind.UNCHANGED
                            && !r.changed() && r.version() == 0 && r.status() == VersionStatus.CURRENT && r.sequence() == 2));
        }

        @Test
        void anOptionalSettingCanBeUnset() {
            EndpointConfig pinned = V0_CONFIG.with(Map.of(ConfigField.MODEL_REVISION, "abc123"));
            Map<ConfigField, Object> unset = new EnumMap<>(ConfigField.class);
            unset.put(ConfigField.MODEL_REVISION, null);
            fixture.given(created(0, pinned, null, VersionOrigin.CREATE, null, null),
                            new RolloutStarted(ID, 0, WORKER, NOW), new RolloutSucceeded(ID, 0, null, WORKER, NOW))
                    .when(new UpdateEndpointConfigCommand(ID, unset, null, null, ALICE, null))
                    .expectEvents(new EndpointVersionCreated(ID, NAME, 1, VersionOrigin.UPDATE, null,
                            V0_CONFIG, List.of(new FieldChange("model.revision", "abc123", null)), ALICE, NOW, null, 0));
        }

        @Test
        void aChangeWhilePendingIsRefusedNamingTheVersionInProgress() {
            fixture.given(v0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 2), null, null, ALICE, null))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.ROLLOUT_IN_PROGRESS, "inProgressVersion", 0));
        }

        @Test
        void aChangeWhileRollingOutIsRefused() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW))
                    .when(new RollBackEndpointCommand(ID, 0, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.ROLLOUT_IN_PROGRESS, "inProgressStatus", VersionStatus.ROLLING_OUT));
        }

        @Test
        void aChangeBasedOnAStaleVersionIsRefused() {
            fixture.given(servingV1())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 4), null, 0, ALICE, null))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.STALE_VERSION, "latestVersion", 1));
        }

        @Test
        void aChangeBasedOnTheLatestVersionIsAccepted() {
            fixture.given(servingV1())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 4), null, 1, ALICE, null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aChangeWhoseResultBreaksARuleIsRefused() {
            fixture.given(servingV0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.AUTOSCALING_MIN_REPLICAS, 5), null, null, ALICE, null))
                    .expectNoEvents()
                    .expectException(violations("config.autoscaling.maxReplicas"));
        }

        @Test
        void aChangeThatPutsAControlCharacterInTheModelNameIsRefused() {
            fixture.given(servingV0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.MODEL_NAME, "Llama\n3"), null, null, ALICE, null))
                    .expectNoEvents()
                    .expectException(violations("config.model.name"));
        }

        @Test
        void aFailedFirstDeploymentCanBeFixedByTheNextChange() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW),
                            new RolloutFailed(ID, 0, FailureCategory.CONFIGURATION, FailureCode.BAD_ENGINE_ARGUMENT,
                                    "max context too long", "wait-ready", WORKER, NOW, null))
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ENGINE_MAX_CONTEXT_LENGTH, 4096), null, 0, ALICE, null))
                    .expectEvents(created(1, V0_CONFIG.with(Map.of(ConfigField.ENGINE_MAX_CONTEXT_LENGTH, 4096)), V0_CONFIG,
                            VersionOrigin.UPDATE, null, null));
        }
    }

    @Nested
    class BuildingOn {

        /** v0 serving, then v1 proposing a model that does not exist, failed. */
        private List<Object> ghostFailedOnServingV0() {
            List<Object> history = new ArrayList<>(servingV0());
            history.add(created(1, GHOST_CONFIG, V0_CONFIG, VersionOrigin.UPDATE, null, 0));
            history.add(new RolloutFailed(ID, 1, FailureCategory.CONFIGURATION, FailureCode.MODEL_NOT_FOUND, "no ghost",
                    "download", WORKER, NOW, 0));
            return history;
        }

        @Test
        void aChangeAfterAFailedProposalBuildsOnTheServingVersionNotOnTheProposal() {
            fixture.given(ghostFailedOnServingV0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 2), null, null, ALICE, null))
                    .expectEvents(createdOn(0, V0_CONFIG, 2, V1_CONFIG, VersionOrigin.UPDATE, null, 0))
                    .expectResultMessagePayloadMatching(result(r -> r.basedOn() == 0 && r.version() == 2));
        }

        @Test
        void aFailedProposalIsRetriedWithAFixByNamingItAsTheBase() {
            EndpointConfig fixed = GHOST_CONFIG.with(Map.of(ConfigField.ACCELERATOR_COUNT, 2));
            fixture.given(ghostFailedOnServingV0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 2), null, null, ALICE, 1))
                    .expectEvents(createdOn(1, GHOST_CONFIG, 2, fixed, VersionOrigin.UPDATE, null, 0));
        }

        @Test
        void aChangeWhoseResultIsWhatServesCreatesNothingEvenAfterAFailedProposal() {
            fixture.given(ghostFailedOnServingV0())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 1), null, null, ALICE, null))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(result(r -> r.kind() == MutationResult.Kind.UNCHANGED));
        }

        @Test
        void aChangeCanBuildOnAnOlderVersionThatServed() {
            fixture.given(servingV1())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.AUTOSCALING_MAX_REPLICAS, 4), null, null, ALICE, 0))
                    .expectEvents(createdOn(0, V0_CONFIG, 2,
                            V0_CONFIG.with(Map.of(ConfigField.AUTOSCALING_MAX_REPLICAS, 4)), VersionOrigin.UPDATE, null, 1));
        }

        @Test
        void aBaseThatDoesNotExistIsRefused() {
            fixture.given(servingV1())
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 4), null, null, ALICE, 7))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.BASE_VERSION_NOT_FOUND, "latestVersion", 1));
        }

        @Test
        void anOlderProposalThatNeverServedCannotBeBuiltOn() {
            List<Object> history = new ArrayList<>(ghostFailedOnServingV0());
            history.add(createdOn(0, V0_CONFIG, 2, V1_CONFIG, VersionOrigin.UPDATE, null, 0));
            history.add(new RolloutFailed(ID, 2, FailureCategory.RESOURCES, FailureCode.INSUFFICIENT_GPU, "no GPUs",
                    "preflight", WORKER, NOW, 0));
            fixture.given(history)
                    .when(new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 4), null, null, ALICE, 1))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.BASE_VERSION_NEVER_SERVED, "baseVersion", 1));
        }
    }

    @Nested
    class RollingBack {

        @Test
        void rollbackCreatesNextVersionWithTargetSettings() {
            fixture.given(servingV1())
                    .when(new RollBackEndpointCommand(ID, 0, "back to one GPU", null, ALICE))
                    .expectEvents(new EndpointVersionCreated(ID, NAME, 2, VersionOrigin.ROLLBACK, 0,
                            V0_CONFIG, List.of(new FieldChange("accelerator.count", 2, 1)), ALICE, NOW, "back to one GPU", 1))
                    .expectResultMessagePayloadMatching(result(r -> r.version() == 2 && r.rollbackOf() == 0
                            && r.origin() == VersionOrigin.ROLLBACK));
        }

        @Test
        void aTargetThatDoesNotExistIsRefused() {
            fixture.given(servingV1())
                    .when(new RollBackEndpointCommand(ID, 7, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.ROLLBACK_TARGET_NOT_FOUND, "latestVersion", 1));
        }

        @Test
        void aTargetThatNeverServedIsRefused() {
            List<Object> history = new ArrayList<>(servingV0());
            history.add(created(1, V1_CONFIG, V0_CONFIG, VersionOrigin.UPDATE, null, 0));
            history.add(new RolloutFailed(ID, 1, FailureCategory.RESOURCES, FailureCode.INSUFFICIENT_GPU, "no GPUs",
                    "preflight", WORKER, NOW, 0));
            fixture.given(history)
                    .when(new RollBackEndpointCommand(ID, 1, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.ROLLBACK_TARGET_NEVER_SERVED, "servedVersions", List.of(0)));
        }

        @Test
        void rollingBackToTheSettingsAlreadyInPlaceChangesNothing() {
            fixture.given(servingV1())
                    .when(new RollBackEndpointCommand(ID, 1, null, null, ALICE))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(result(r -> !r.changed() && r.version() == 1));
        }

        @Test
        void rollbackAfterAFailedChangeRestoresTheServingSettings() {
            List<Object> history = new ArrayList<>(servingV0());
            history.add(created(1, V1_CONFIG, V0_CONFIG, VersionOrigin.UPDATE, null, 0));
            history.add(new RolloutFailed(ID, 1, FailureCategory.RESOURCES, FailureCode.INSUFFICIENT_GPU, "no GPUs",
                    "preflight", WORKER, NOW, 0));
            fixture.given(history)
                    .when(new RollBackEndpointCommand(ID, 0, null, null, ALICE))
                    .expectEvents(createdOn(1, V1_CONFIG, 2, V0_CONFIG, VersionOrigin.ROLLBACK, 0, 0));
        }

        @Test
        void aSnapshotStoredWithAControlCharacterBeforeTheTextRulesCannotBeRolledBackTo() {
            EndpointConfig legacy = V0_CONFIG.with(Map.of(ConfigField.MODEL_NAME, "Llama\u0000"));
            fixture.given(created(0, legacy, null, VersionOrigin.CREATE, null, null),
                            new RolloutStarted(ID, 0, WORKER, NOW), new RolloutSucceeded(ID, 0, null, WORKER, NOW),
                            created(1, V1_CONFIG, legacy, VersionOrigin.UPDATE, null, 0),
                            new RolloutStarted(ID, 1, WORKER, NOW), new RolloutSucceeded(ID, 1, 0, WORKER, NOW))
                    .when(new RollBackEndpointCommand(ID, 0, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.INVALID_CONFIGURATION))
                    .expectException(violations("config.model.name"));
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancellingARolloutAsksTheWorkerAndKeepsTheVersionOpen() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW))
                    .when(new CancelRolloutCommand(ID, 0, "wrong model", null, ALICE))
                    .expectEvents(new RolloutCancellationRequested(ID, 0, ALICE, "wrong model", NOW))
                    .expectResultMessagePayloadMatching(result(r -> r.cancellationRequested()
                            && r.status() == VersionStatus.ROLLING_OUT && r.changed()));
        }

        @Test
        void cancellingTwiceAsksOnce() {
            fixture.given(v0(), new RolloutCancellationRequested(ID, 0, ALICE, null, NOW))
                    .when(new CancelRolloutCommand(ID, 0, null, null, ALICE))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(result(r -> r.cancellationRequested() && !r.changed()));
        }

        @Test
        void aVersionWithoutARolloutInProgressCannotBeCancelled() {
            fixture.given(servingV0())
                    .when(new CancelRolloutCommand(ID, 0, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.VERSION_NOT_IN_PROGRESS));
        }

        @Test
        void anUnknownVersionCannotBeCancelled() {
            fixture.given(v0())
                    .when(new CancelRolloutCommand(ID, 3, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.VERSION_NOT_FOUND));
        }

        @Test
        void theWorkerConfirmsACancellationNamingWhoAskedForIt() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW), new RolloutCancellationRequested(ID, 0, ALICE, null, NOW))
                    .when(new ReportRolloutCancelledCommand(ID, 0, WORKER))
                    .expectEvents(new RolloutCancelled(ID, 0, ALICE, WORKER, NOW, null));
        }

        @Test
        void theWorkerCannotCancelWhatNobodyAskedToCancel() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW))
                    .when(new ReportRolloutCancelledCommand(ID, 0, WORKER))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.CANCELLATION_NOT_REQUESTED));
        }

        @Test
        void aRolloutThatSwitchedTrafficBeforeTheCancellationArrivedStillSucceeds() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW), new RolloutCancellationRequested(ID, 0, ALICE, null, NOW))
                    .when(new ReportRolloutSucceededCommand(ID, 0, WORKER))
                    .expectEvents(new RolloutSucceeded(ID, 0, null, WORKER, NOW));
        }
    }

    @Nested
    class WorkerReports {

        @Test
        void startingMovesThePendingVersionToRollingOutOnce() {
            fixture.given(v0())
                    .when(new ReportRolloutStartedCommand(ID, 0, WORKER))
                    .expectEvents(new RolloutStarted(ID, 0, WORKER, NOW))
                    .expectResultMessagePayloadMatching(result(r -> r.status() == VersionStatus.ROLLING_OUT));
        }

        @Test
        void reportingStartAgainAppendsNothing() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW))
                    .when(new ReportRolloutStartedCommand(ID, 0, WORKER))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void progressIsRecordedOncePerPhase() {
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW),
                            new RolloutProgressed(ID, 0, RolloutPhase.REQUESTING_GPUS, "1/1 scheduled", WORKER, NOW, null))
                    .when(new ReportRolloutProgressCommand(ID, 0, RolloutPhase.REQUESTING_GPUS, "1/1 scheduled", WORKER, null))
                    .expectNoEvents();
            fixture.given(v0(), new RolloutStarted(ID, 0, WORKER, NOW))
                    .when(new ReportRolloutProgressCommand(ID, 0, RolloutPhase.STARTING_ENGINE, null, WORKER, null))
                    .expectEvents(new RolloutProgressed(ID, 0, RolloutPhase.STARTING_ENGINE, null, WORKER, NOW, null));
        }

        @Test
        void progressBeforeStartIsRefused() {
            fixture.given(v0())
                    .when(new ReportRolloutProgressCommand(ID, 0, RolloutPhase.PREFLIGHT, null, WORKER, null))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.ROLLOUT_NOT_STARTED));
        }

        @Test
        void successMakesTheVersionCurrentAndNamesTheSupersededOne() {
            List<Object> history = new ArrayList<>(servingV0());
            history.add(created(1, V1_CONFIG, V0_CONFIG, VersionOrigin.UPDATE, null, 0));
            history.add(new RolloutStarted(ID, 1, WORKER, NOW));
            fixture.given(history)
                    .when(new ReportRolloutSucceededCommand(ID, 1, WORKER))
                    .expectEvents(new RolloutSucceeded(ID, 1, 0, WORKER, NOW))
                    .expectResultMessagePayloadMatching(result(r -> r.status() == VersionStatus.CURRENT));
        }

        @Test
        void successBeforeStartIsRefused() {
            fixture.given(v0())
                    .when(new ReportRolloutSucceededCommand(ID, 0, WORKER))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.ROLLOUT_NOT_STARTED));
        }

        @Test
        void aFailureKeepsTheCurrentVersionServingAndSaysWhichOne() {
            List<Object> history = new ArrayList<>(servingV0());
            history.add(created(1, V1_CONFIG, V0_CONFIG, VersionOrigin.UPDATE, null, 0));
            fixture.given(history)
                    .when(new ReportRolloutFailedCommand(ID, 1, FailureCode.INSUFFICIENT_GPU, "0/4 nodes are available",
                            "preflight", WORKER))
                    .expectEvents(new RolloutFailed(ID, 1, FailureCategory.RESOURCES, FailureCode.INSUFFICIENT_GPU,
                            "0/4 nodes are available", "preflight", WORKER, NOW, 0))
                    .expectResultMessagePayloadMatching(result(r -> r.status() == VersionStatus.FAILED));
        }

        @Test
        void aCancellationCannotBeReportedAsAFailure() {
            fixture.given(v0())
                    .when(new ReportRolloutFailedCommand(ID, 0, FailureCode.CANCELLED_BY_USER, "stopped", null, WORKER))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.CANCELLED_IS_NOT_A_FAILURE));
        }

        @Test
        void aReportForAFinishedRolloutIsRefused() {
            fixture.given(servingV1())
                    .when(new ReportRolloutFailedCommand(ID, 0, FailureCode.CLUSTER_UNREACHABLE, "late", null, WORKER))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.VERSION_NOT_IN_PROGRESS));
        }
    }

    @Nested
    class Deleting {

        @Test
        void deletingFreesTheName() {
            names.holders.put(NAME, ID);
            fixture.given(servingV0())
                    .when(new DeleteEndpointCommand(ID, "retired", null, ALICE))
                    .expectEvents(new EndpointDeleted(ID, NAME, ALICE, NOW, "retired"))
                    .expectResultMessagePayloadMatching(result(r -> r.kind() == MutationResult.Kind.DELETED));
            assertThat(names.holders).doesNotContainKey(NAME);
        }

        @Test
        void anEndpointCannotBeDeletedWhileRollingOut() {
            fixture.given(v0())
                    .when(new DeleteEndpointCommand(ID, null, null, ALICE))
                    .expectNoEvents()
                    .expectException(refusal(RefusalCode.ROLLOUT_IN_PROGRESS));
        }

        @Test
        void aDeletedEndpointAcceptsNothing() {
            List<Object> history = new ArrayList<>(servingV0());
            history.add(new EndpointDeleted(ID, NAME, ALICE, NOW, null));
            List<Object> commands = List.of(
                    new UpdateEndpointConfigCommand(ID, Map.of(ConfigField.ACCELERATOR_COUNT, 2), null, null, ALICE, null),
                    new RollBackEndpointCommand(ID, 0, null, null, ALICE),
                    new CancelRolloutCommand(ID, 0, null, null, ALICE),
                    new DeleteEndpointCommand(ID, null, null, ALICE),
                    new ReportRolloutStartedCommand(ID, 0, WORKER));
            for (Object command : commands) {
                fixture.given(history)
                        .when(command)
                        .expectNoEvents()
                        .expectException(refusal(RefusalCode.ENDPOINT_DELETED));
            }
        }
    }

    @Test
    void theSettingsOfAVersionAreAFullSnapshotNotADelta() {
        EndpointConfig v2 = V1_CONFIG.with(Map.of(ConfigField.ACCELERATOR_TYPE, "NVIDIA_B200"));
        assertThat(v2.accelerator()).isEqualTo(new AcceleratorSpec("NVIDIA_B200", 2));
        assertThat(v2.model()).isEqualTo(V0_CONFIG.model());
    }

    static Matcher<MutationResult> result(Predicate<MutationResult> expectation) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(MutationResult item) {
                return expectation.test(item);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a mutation result matching the expectation");
            }
        };
    }

    static Matcher<Throwable> refusal(RefusalCode code) {
        return refusal(code, null, null);
    }

    static Matcher<Throwable> refusal(RefusalCode code, String detail, Object value) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof EndpointRefusedException refused && refused.code() == code
                        && (detail == null || value.equals(refused.details().get(detail)));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("refusal " + code + (detail == null ? "" : " with " + detail + "=" + value));
            }
        };
    }

    static Matcher<Throwable> violations(String... fields) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof InvalidEndpointConfigException invalid
                        && invalid.violations().stream().map(FieldViolation::field).toList().containsAll(List.of(fields));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("invalid configuration naming " + List.of(fields));
            }
        };
    }

    /** The name registry at its boundary: the real one is a table in the command's transaction. */
    static final class InMemoryNames implements EndpointNameRegistry {
        final Map<String, String> holders = new HashMap<>();

        @Override
        public boolean claim(String name, String endpointId) {
            return holders.putIfAbsent(name, endpointId) == null || holders.get(name).equals(endpointId);
        }

        @Override
        public void release(String name, String endpointId) {
            holders.remove(name, endpointId);
        }
    }
}
