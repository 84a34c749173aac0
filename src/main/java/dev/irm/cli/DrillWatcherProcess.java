package dev.irm.cli;

import dev.irm.drill.DrillFiles;
import dev.irm.drill.DrillState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code irm drill watch ID} as a process of its own (same JVM binary and class path, the
 * command's environment), so {@code irm drill} can return to the shell while recovery is watched.
 */
final class DrillWatcherProcess {
    private DrillWatcherProcess() {
    }

    static long start(Session session, DrillState drill) {
        DrillFiles files = DrillFiles.of(session.environment().env());
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), "dev.irm.Main", "--context", drill.context()));
        if (session.configFile() != null) {
            command.addAll(List.of("--config", session.configFile().toAbsolutePath().toString()));
        }
        session.runbookDirs().forEach(d -> command.addAll(List.of("--runbooks", d.toAbsolutePath().toString())));
        command.addAll(List.of("drill", "watch", drill.id()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(session.environment().env());
        File log = files.watcherLog().toFile();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).redirectInput(new File("/dev/null").exists()
                ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        try {
            Files.createDirectories(files.dir());
            return builder.start().pid();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start the drill's watcher (" + java + "): " + e.getMessage(), e);
        }
    }
}
