package dev.irm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code bin/irm} chose, for {@code irm --version -v}: the JDK and its start-up archive (AppCDS
 * on 17–24, the AOT cache on 25+), and whether the JVM really used it: the launcher passes a
 * class-load log for this command, and the CLI from a "shared objects file" means it did.
 */
final class LaunchInfo {
    private LaunchInfo() {
    }

    static List<String> lines() {
        String home = System.getProperty("irm.java.home", System.getProperty("java.home"));
        String jdk = "JDK: " + home + " (" + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + ")";
        String kind = System.getProperty("irm.archive.kind");
        if (kind == null) {
            return List.of(jdk, "archive: none (not started by bin/irm)");
        }
        String archive = System.getProperty("irm.archive");
        if (!Boolean.getBoolean("irm.archive.given")) {
            return List.of(jdk, "archive: " + kind + " " + archive + " (not used: " + (Files.exists(Path.of(archive)) ? "IRM_CDS=0, or older than the jar and its training failed" : "not built: IRM_CDS=0, or its training failed") + ")");
        }
        return List.of(jdk, "archive: " + kind + " " + archive + " (" + used() + ")");
    }

    private static String used() {
        String log = System.getProperty("irm.classload.log");
        if (log == null) {
            return "given to the JVM";
        }
        Path file = Path.of(log);
        try {
            boolean shared = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> l.contains(" dev.irm.cli.CommandLineFactory source: shared objects file"));
            return shared ? "used: irm's classes came from it" : "given but NOT used (stale, or another JVM's): irm rebuilds it when the jar changes";
        } catch (IOException e) {
            return "given to the JVM (its class-load log is unreadable: " + e.getMessage() + ")";
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up
            }
        }
    }
}
