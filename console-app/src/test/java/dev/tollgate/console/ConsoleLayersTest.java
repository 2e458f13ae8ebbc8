package dev.tollgate.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console's layers: services without JavaFX, view models without scene nodes, nothing from the runtime. */
class ConsoleLayersTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate.console");

    @Test
    void consoleNeverUsesRuntimeClasses() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.tollgate.runtime..").check(MAIN);
    }

    @Test
    void servicesNeverUseJavaFx() {
        noClasses().that().resideInAPackage("dev.tollgate.console.service..")
                .should().dependOnClassesThat().resideInAPackage("javafx..").check(MAIN);
    }

    @Test
    void viewModelsNeverUseSceneNodes() {
        noClasses().that().resideInAPackage("dev.tollgate.console.viewmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.application..", "dev.tollgate.console.view..")
                .check(MAIN);
    }

    @Test
    void onlyLauncherPrintsToStandardStreams() {
        noClasses().that().doNotHaveSimpleName("ConsoleLauncher")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(MAIN);
    }
}
