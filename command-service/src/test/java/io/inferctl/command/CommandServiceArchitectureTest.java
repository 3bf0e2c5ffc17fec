package io.inferctl.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.inferctl.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandServiceArchitectureTest {

    /** The aggregate and its rules know nothing of HTTP, SQL or Kafka: those adapt to it, not the reverse. */
    @ArchTest
    static final ArchRule domainDoesNotDependOnAdapters = noClasses()
            .that().resideInAPackage("io.inferctl.command.endpoint")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.inferctl.command.endpoint.web..", "io.inferctl.command.endpoint.infrastructure..",
                    "io.inferctl.command.web..", "io.inferctl.command.relay..", "io.inferctl.command.security..",
                    "io.inferctl.command.idempotency..",
                    "org.springframework.web..", "org.springframework.jdbc..", "org.springframework.kafka..",
                    "jakarta.servlet..");

    @ArchTest
    static final ArchRule theRelayDoesNotReachIntoTheWebLayer = noClasses()
            .that().resideInAPackage("io.inferctl.command.relay..")
            .should().dependOnClassesThat().resideInAnyPackage("io.inferctl.command.endpoint.web..");
}
