package dev.irm.drill;

import dev.irm.lab.LabHome;
import dev.irm.support.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Where a drill keeps its state: {@code drills/} beside the lab's state folder, the latest drill's
 * {@code drill.json} and {@code journal.jsonl} (a new drill moves the previous pair aside under its id).
 */
public record DrillFiles(Path dir) {

    /** {@code $XDG_STATE_HOME/irm/drills}, beside the lab's folder: a drill's report outlives {@code irm lab down}. */
    public static DrillFiles of(Map<String, String> env) {
        return new DrillFiles(LabHome.stateDir(env).resolveSibling("drills"));
    }

    public Path state() {
        return dir.resolve("drill.json");
    }

    public Path journal() {
        return dir.resolve("journal.jsonl");
    }

    public Path watcherLog() {
        return dir.resolve("watcher.log");
    }

    /** Keeps the previous drill's files under its id, so the new one starts with an empty journal. */
    void archive(String previousId) {
        try {
            for (Path p : new Path[] {state(), journal(), watcherLog()}) {
                if (Files.exists(p)) {
                    Files.move(p, dir.resolve(previousId + "-" + p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the previous drill under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a state. */
    void write(Path file, String text) {
        try {
            AtomicFile.write(file, text, true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
