package io.inferctl.worker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rollout's business process knows its ports, not the Kubernetes client, HTTP or Kafka behind them. */
@AnalyzeClasses(packages = "io.inferctl.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class RolloutWorkerArchitectureTest {

    @ArchTest
    static final ArchRule sagaAndPortsDependOnNoInfrastructure = noClasses()
            .that().resideInAPackage("io.inferctl.worker.rollout")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.fabric8..", "java.net.http..", "org.apache.kafka..", "org.springframework.kafka..",
                    "io.inferctl.worker.rollout.kubernetes..", "io.inferctl.worker.rollout.report..",
                    "io.inferctl.worker.inbox..")
            .because("the saga is tested with its ports mocked and must read like the business process");

    @ArchTest
    static final ArchRule rolloutsUseNoJdbc = noClasses()
            .that().resideInAPackage("io.inferctl.worker.rollout..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
            .because("sagas are found and stored through Axon's saga store, never by SQL on Axon's tables");

    @ArchTest
    static final ArchRule infrastructureDoesNotReachIntoEachOther = noClasses()
            .that().resideInAPackage("io.inferctl.worker.rollout.kubernetes..")
            .should().dependOnClassesThat().resideInAnyPackage("io.inferctl.worker.rollout.report..", "io.inferctl.worker.inbox..");
}
