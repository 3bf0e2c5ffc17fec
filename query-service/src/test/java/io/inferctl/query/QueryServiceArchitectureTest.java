package io.inferctl.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
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

    /**
     * The query web layer reaches the read model only through its query classes ({@code EndpointQueries},
     * {@code AuditQueries}) and their views: no SQL, no table classes; the read model's enums it may name.
     */
    @ArchTest
    static final ArchRule theQueryWebLayerReadsOnlyThroughItsQueryClasses = noClasses()
            .that().resideInAnyPackage("io.inferctl.query.endpoint.web..", "io.inferctl.query.audit.web..")
            .should().dependOnClassesThat(resideInAnyPackage("io.inferctl.query.projection..",
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..")
                    .and(not(resideInAPackage("io.inferctl.query.projection.model.."))));
}
