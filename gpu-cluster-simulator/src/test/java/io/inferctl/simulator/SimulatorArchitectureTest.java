package io.inferctl.simulator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The simulator is layered like the cluster it imitates: the object store at the bottom, the
 * Kubernetes API over it, and the simulated control plane (controllers, scheduler, kubelet) acting on
 * the store, never through the HTTP API. Only the entry points wire the layers together.
 */
@AnalyzeClasses(packages = "io.inferctl.simulator", importOptions = ImportOption.DoNotIncludeTests.class)
class SimulatorArchitectureTest {

    private static final String ROOT = "io.inferctl.simulator";
    private static final String STORE = ROOT + ".store..";
    private static final String API = ROOT + ".api..";
    private static final String ADMIN = ROOT + ".admin..";
    private static final String CLI = ROOT + ".cli..";

    @ArchTest
    static final ArchRule theStoreDependsOnNoOtherPart = noClasses()
            .that().resideInAPackage(STORE)
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(resideOutsideOfPackage(STORE)))
            .because("every other part reads and writes cluster objects through the store; the store knows none of them");

    @ArchTest
    static final ArchRule theApiServesTheStoreAlone = noClasses()
            .that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + ".controller..", ROOT + ".kubelet..", ROOT + ".scheduling..", ROOT + ".cluster..",
                    ROOT + ".engine..", ROOT + ".events..", ROOT + ".traffic..", ADMIN, CLI)
            .because("the Kubernetes API is a view of the store (plus injected faults): what happens in the cluster "
                    + "happens in the control plane, which acts on the store");

    @ArchTest
    static final ArchRule theControlPlaneNeverCallsTheApi = noClasses()
            .that().resideInAnyPackage(ROOT + ".controller..", ROOT + ".kubelet..", ROOT + ".scheduling..",
                    ROOT + ".cluster..", ROOT + ".engine..", ROOT + ".events..", ROOT + ".faults..",
                    ROOT + ".traffic..")
            .should().dependOnClassesThat().resideInAnyPackage(API, ADMIN, CLI)
            .because("controllers act on the store; going through the HTTP API would let an injected fault "
                    + "break the simulation itself");

    @ArchTest
    static final ArchRule onlyTheEntryPointsStartTheAdminServer = noClasses()
            .that().resideOutsideOfPackages(ROOT, ADMIN, CLI)
            .should().dependOnClassesThat().resideInAnyPackage(ADMIN, CLI)
            .because("the simulator and its command line assemble the parts; no part starts another's server");

    @ArchTest
    static final ArchRule noPartDependsOnTheAssembly = noClasses()
            .that().resideInAPackage(ROOT + ".*..").and().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(ROOT);

    @ArchTest
    static final ArchRule partsFormNoCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();
}
