package dev.irm.testing;

import dev.irm.lab.Lab;
import dev.irm.lab.LabProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server process started by a fixture: its temp dir, its logs, and a JVM shutdown hook that kills it.
 * Started and waited for by the lab's {@link LabProcess} (the lab and the tests start servers the same way).
 */
final class ManagedProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = LabProcess.START_TIMEOUT;

    private final String name;
    private final Path dir;
    private final List<Path> logs;
    private final Thread hook;
    private volatile Process process;

    private ManagedProcess(String name, Path dir, boolean shutdownHook, List<Path> logs) {
        this.name = name;
        this.dir = dir;
        this.logs = logs;
        this.hook = shutdownHook ? new Thread(this::closeQuietly, "irm-test-cleanup-" + name) : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** The first log receives the process's stdout and stderr; all are shown in failure messages. */
    static ManagedProcess inTempDir(String name, String... logNames) throws IOException {
        return inTempDir(name, true, logNames);
    }

    /** Without a shutdown hook: for owners that register their own, to order the cleanup. */
    static ManagedProcess inTempDir(String name, boolean shutdownHook, String... logNames) throws IOException {
        Path dir = Files.createTempDirectory("irm-" + name + "-");
        return new ManagedProcess(name, dir, shutdownHook, Stream.of(logNames).map(dir::resolve).toList());
    }

    Path dir() {
        return dir;
    }

    void start(List<String> command) throws IOException {
        process = LabProcess.start(name, command, dir, logs.get(0), Map.of(), false).process();
    }

    /** With exactly this environment (plus PATH and HOME from the test's). */
    void start(List<String> command, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.get(0).toFile()));
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", System.getProperty("user.home"));
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** SIGTERM only, then waits up to {@code grace}: the exit code, or -1 if it is still running (then killed). */
    int terminate(Duration grace) {
        Process p = process;
        p.destroy();
        try {
            if (p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        return -1;
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Polls the probe until it answers; throws with the log tail if the process dies or the timeout passes. */
    void awaitReady(Duration timeout, LabProcess.Probe probe) {
        LabProcess.awaitReady(name, process, timeout, probe, () -> "(" + dir + ")\n" + logTail(40));
    }

    boolean logContains(String text) {
        return logTail(200).contains(text);
    }

    String logTail(int lines) {
        StringBuilder sb = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                sb.append("[").append(log.getFileName()).append("]\n");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append("[").append(log.getFileName()).append(": ").append(e.getMessage()).append("]\n");
            }
        }
        return sb.toString();
    }

    /** SIGTERM, then SIGKILL after the grace period; descendants are killed too. */
    void stop(Duration grace) {
        Process p = process;
        if (p != null) {
            LabProcess.stop(p.toHandle(), grace);
        }
    }

    @Override
    public void close() {
        closeQuietly();
        removeShutdownHook(hook);
    }

    static void removeShutdownHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }

    private void closeQuietly() {
        stop(Duration.ofSeconds(10));
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path root) {
        Lab.deleteRecursively(root);
    }

    /** Runs a short command to completion, killing it after the timeout (the lab's runner). */
    static CommandResult run(Duration timeout, List<String> command) {
        LabProcess.Result r = LabProcess.run(timeout, command);
        return new CommandResult(r.exitCode(), r.stdout(), r.stderr());
    }

    static CommandResult runChecked(Duration timeout, List<String> command) {
        CommandResult r = run(timeout, command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("exit " + r.exitCode() + ": " + String.join(" ", command) + "\n" + r.output());
        }
        return r;
    }

    static String which(String program, String... fallbacks) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of(fallbacks));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(program + " not found on PATH (install it: scripts/test.sh does)");
    }

    static void sleep(long millis) {
        LabProcess.sleep(millis);
    }
}
