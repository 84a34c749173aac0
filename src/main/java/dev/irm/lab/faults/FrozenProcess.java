package dev.irm.lab.faults;

import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops and resumes the process that listens on a loopback port (SIGSTOP / SIGCONT): to its clients
 * the service is gone (connections hang, every request times out) while its pid, data and port stay
 * the lab's, so {@code irm lab down} still finds it and heal is one signal.
 */
final class FrozenProcess {
    private FrozenProcess() {
    }

    static long listeningOn(int port) {
        long inode = socketInode(port);
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (holds(proc, inode)) {
                    return Long.parseLong(proc.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot read /proc: " + e.getMessage(), e);
        }
        throw new IrmException(ExitCode.UNKNOWN, "no process of this user listens on port " + port);
    }

    /**
     * Refuses a pid that is not {@code owner} (the part lab up recorded) or one of its descendants: what listens
     * on the port could be another lab's server, the private engine, or (a port taken over) this very JVM,
     * and a SIGSTOP to any of those would freeze more than the fault.
     */
    static void requireOwnedBy(long pid, Optional<ProcessHandle> owner, String part) {
        boolean owned = owner.map(o -> o.pid() == pid || o.descendants().anyMatch(d -> d.pid() == pid)).orElse(false);
        if (!owned || pid == ProcessHandle.current().pid()) {
            throw new IrmException(ExitCode.UNKNOWN, "the process on " + part + "'s port (pid " + pid + ") is not the lab's "
                    + part + (owner.isEmpty() ? " (the lab records none running)" : " (pid " + owner.get().pid() + ")") + ": not stopping it");
        }
    }

    static void signal(long pid, String signal) {
        if (pid == ProcessHandle.current().pid()) {
            throw new IrmException(ExitCode.UNKNOWN, "the service on that port runs inside this JVM: stopping it would stop irm too");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IrmException(ExitCode.UNKNOWN, "kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IrmException(ExitCode.UNKNOWN, "cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IrmException(ExitCode.UNKNOWN, "interrupted", e);
        }
    }

    /** The inode of the listening TCP socket on {@code port} (state 0A in /proc/net/tcp, tcp6). */
    private static long socketInode(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && "0A".equals(f[3])) {
                        return Long.parseLong(f[9]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // no IPv6 table, or a line being rewritten: try the next
            }
        }
        throw new IrmException(ExitCode.UNKNOWN, "nothing listens on port " + port);
    }

    private static boolean holds(Path proc, long inode) {
        String socket = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (socket.equals(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or gone
        }
        return false;
    }
}
