package dev.irm.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.irm.CdsTraining;
import dev.irm.ClassFileUpgrade;
import dev.irm.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/ARCHITECTURE.md, checked over the compiled main classes:
 * entry points (dev.irm) → cli → serve → render → engine → runbook → connector → support, config beside the
 * engine (read by cli and serve only); apps (application actions on generic targets) → connector, reached by
 * nothing but ServiceLoader, so no connector knows an application's schema. A new package fails {@link #layersAsDocumented} until it is given a layer.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.irm");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.irm.(*)..").should().beFreeOfCycles().check(MAIN_CLASSES);
    }

    @Test
    void layersAsDocumented() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("Entry").definedBy("dev.irm")
                .layer("Cli").definedBy("dev.irm.cli..")
                .layer("Serve").definedBy("dev.irm.serve..")
                .layer("Drill").definedBy("dev.irm.drill..")
                .layer("Lab").definedBy("dev.irm.lab..")
                .layer("Render").definedBy("dev.irm.render..")
                .layer("Engine").definedBy("dev.irm.engine..")
                .layer("Config").definedBy("dev.irm.config..")
                .layer("Runbook").definedBy("dev.irm.runbook..")
                .layer("Apps").definedBy("dev.irm.apps..")
                .layer("Connector").definedBy("dev.irm.connector..")
                .layer("Support").definedBy("dev.irm.support..")
                .whereLayer("Entry").mayOnlyAccessLayers("Cli", "Support")
                .whereLayer("Cli").mayOnlyAccessLayers("Serve", "Drill", "Lab", "Render", "Engine", "Config", "Runbook", "Connector", "Support")
                .whereLayer("Serve").mayOnlyAccessLayers("Render", "Engine", "Config", "Runbook", "Connector", "Support")
                .whereLayer("Drill").mayOnlyAccessLayers("Lab", "Render", "Engine", "Config", "Runbook", "Connector", "Support")
                .whereLayer("Lab").mayOnlyAccessLayers("Engine", "Config", "Runbook", "Connector", "Support")
                .whereLayer("Render").mayOnlyAccessLayers("Engine", "Runbook", "Connector", "Support")
                .whereLayer("Engine").mayOnlyAccessLayers("Runbook", "Connector", "Support")
                .whereLayer("Config").mayOnlyAccessLayers("Runbook", "Connector", "Support")
                .whereLayer("Runbook").mayOnlyAccessLayers("Connector", "Support")
                .whereLayer("Apps").mayOnlyAccessLayers("Connector", "Support")
                .whereLayer("Connector").mayOnlyAccessLayers("Support")
                .whereLayer("Support").mayNotAccessAnyLayer()
                .check(MAIN_CLASSES);
    }

    /** Commands write to the streams Main hands them (CliEnvironment), so tests and CdsTraining can capture them. */
    @Test
    void onlyMainTouchesTheProcessStreamsAndExits() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "in")
                .orShould().callMethod(System.class, "exit", int.class)
                .check(MAIN_CLASSES);
    }

    /** Releasing the HTTP clients' selector threads stops every JDK HTTP client of the JVM: only on the way out. */
    @Test
    void onlyMainReleasesTheClientThreads() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().callMethod(dev.irm.support.ClientThreads.class, "releaseBeforeExit")
                .check(MAIN_CLASSES);
    }

    /**
     * CdsTraining (the start-up archive's training run) and ClassFileUpgrade (a build step) are not commands: they
     * log to stderr, the first each training command's exit, the second what it rewrote.
     */
    @Test
    void onlyMainAndTheBuildTimeToolsWriteToStderr() {
        noClasses().that().doNotHaveFullyQualifiedName(Main.class.getName())
                .and().doNotHaveFullyQualifiedName(CdsTraining.class.getName())
                .and().doNotHaveFullyQualifiedName(ClassFileUpgrade.class.getName())
                .should().accessField(System.class, "err")
                .check(MAIN_CLASSES);
    }

    /** Exit statuses go through dev.irm.support.ExitCode: no int literal returned or passed to exit in cli/. */
    @Test
    void commandsReturnExitCodesFromTheTable() throws IOException {
        Pattern literal = Pattern.compile("return\\s+-?\\d+\\s*;|\\?\\s*-?\\d+\\s*:\\s*-?\\d+\\s*;|exit\\(\\s*-?\\d+\\s*\\)");
        Path cli = Path.of(System.getProperty("irm.project.dir", "."), "src/main/java/dev/irm/cli");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.list(cli)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (literal.matcher(lines.get(i)).find()) {
                        offenders.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
