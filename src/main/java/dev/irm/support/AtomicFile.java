package dev.irm.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a state file whole or not at all: into a temporary file of its own in the target's folder (a unique
 * name, so two writers never share one), then a rename over the target. A reader sees the old text or the new.
 */
public final class AtomicFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with {@code content} (UTF-8), creating its folder. {@code ownerOnly}: mode 0600
     * (it holds a secret), else 0644; on a file system without POSIX modes, its default.
     */
    public static void write(Path target, String content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, ownerOnly ? OWNER_ONLY : READABLE);
            } catch (UnsupportedOperationException noPosix) {
                // the file system's default mode
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
