package jarvis.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ARCHITECTURE.md, held by rules that say why. */
class ArchitectureTest {

    private static JavaClasses jarvis;

    @BeforeAll
    static void importClasses() {
        jarvis = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jarvis");
    }

    @Test
    void domainModulesDoNotDependOnJavaFx() {
        noClasses().that().resideInAnyPackage("jarvis.orchestrator..", "jarvis.devices..", "jarvis.cad..", "jarvis.audio..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the orchestrator, devices, cad and audio run headless, under the command line and in tests without a toolkit")
                .check(jarvis);
    }

    @Test
    void onlyTheFxBridgeCallsRunLater() {
        noClasses().that().doNotHaveFullyQualifiedName("jarvis.ui.fx.FxExecutor")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .because("there is one way onto the FX thread, so view models can be tested with a synchronous executor")
                .check(jarvis);
    }

    @Test
    void uiDoesNotTouchJdbc() {
        noClasses().that().resideInAPackage("jarvis.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..")
                .because("views reach data only through the orchestrator's ports")
                .check(jarvis);
    }

    @Test
    void orchestratorDoesNotDependOnTheModulesAboveIt() {
        noClasses().that().resideInAPackage("jarvis.orchestrator..")
                .should().dependOnClassesThat().resideInAnyPackage("jarvis.ui..", "jarvis.app..", "jarvis.devices..",
                        "jarvis.cad..", "jarvis.audio..")
                .because("the orchestrator is the base every other module builds on")
                .check(jarvis);
    }
}
