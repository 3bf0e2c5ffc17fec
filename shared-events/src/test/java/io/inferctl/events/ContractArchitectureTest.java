package io.inferctl.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The contract is read by every service and by outside consumers: it may lean on nothing but the JDK. */
@AnalyzeClasses(packages = "io.inferctl.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {

    @ArchTest
    static final ArchRule contractDependsOnlyOnTheJdkAndItself = classes()
            .that().resideInAPackage("io.inferctl.events..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.inferctl.events..")
            .because("shared-events is the public contract: no Spring, no framework, nothing of our services");
}
