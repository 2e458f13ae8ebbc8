package dev.tollgate.runtime.routing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the routing package plain Java: it reads requests through {@link RequestAttributes}, so
 * the matcher, its tests and its benchmark run without a server.
 */
class RoutingDependenciesTest {

    private static final JavaClasses ROUTING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate.runtime.routing");

    @Test
    void routingUsesOnlyJavaAndSharedModel() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.tollgate.runtime.routing..", "dev.tollgate.model..")
                .check(ROUTING);
    }

    @Test
    void routingNeverWritesToStandardStreams() {
        noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(ROUTING);
    }
}
