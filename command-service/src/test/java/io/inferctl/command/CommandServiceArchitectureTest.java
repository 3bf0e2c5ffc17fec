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

    /** The same for the webhook integration: its secrets reach storage only through the SecretVault it is handed. */
    @ArchTest
    static final ArchRule webhookDomainDoesNotDependOnAdapters = noClasses()
            .that().resideInAPackage("io.inferctl.command.webhook")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.inferctl.command.webhook.web..", "io.inferctl.command.webhook.store..",
                    "io.inferctl.command.webhook.delivery..", "io.inferctl.command.web..",
                    "org.springframework.web..", "org.springframework.jdbc..", "org.springframework.kafka..",
                    "jakarta.servlet..");

    @ArchTest
    static final ArchRule theRelayDoesNotReachIntoTheWebLayer = noClasses()
            .that().resideInAPackage("io.inferctl.command.relay..")
            .should().dependOnClassesThat().resideInAnyPackage("io.inferctl.command.endpoint.web..");
}
