package io.inferctl.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.inferctl.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QueryServiceArchitectureTest {

    /** Read-model rows change only through their named methods and know nothing of SQL, Kafka or HTTP. */
    @ArchTest
    static final ArchRule readModelRowsArePlainJava = classes()
            .that().resideInAPackage("io.inferctl.query.projection.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.inferctl.events..",
                    "io.inferctl.query.projection.model..");

    /** Projecting events does not depend on how the read models are queried or served. */
    @ArchTest
    static final ArchRule theProjectionDoesNotDependOnTheQuerySide = noClasses()
            .that().resideInAPackage("io.inferctl.query.projection..")
            .and().haveSimpleNameNotEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("io.inferctl.query.endpoint..",
                    "io.inferctl.query.audit..", "io.inferctl.query.web..", "io.inferctl.query.security..",
                    "org.springframework.web..", "jakarta.servlet..");

    /** Queries read PostgreSQL only: whether the projection is current is the consistency package's business. */
    @ArchTest
    static final ArchRule queriesDoNotTouchKafka = noClasses()
            .that().resideInAnyPackage("io.inferctl.query.endpoint..", "io.inferctl.query.audit..",
                    "io.inferctl.query.web..", "io.inferctl.query.consistency..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                    "io.cloudevents..");
}
