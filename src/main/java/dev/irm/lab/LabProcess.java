package dev.irm.lab;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A server process of the lab: started in its own session ({@code setsid}, so closing the terminal or
 * Ctrl-C of {@code irm lab up} does not take it down) with stdin from /dev/null and its output appended
 * to a log file; waited for with a probe; stopped later by pid (SIGTERM, then SIGKILL after a bound).
 * The test fixtures start their servers through this class too.
 */
public final class LabProcess {
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String SETSID = "/usr/bin/setsid";

    private final String name;
    private final Process process;
    private final Path log;
    private final long startNanos = System.nanoTime();

    private LabProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Seconds since it was started. */
    public double secondsUp() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Starts {@code command} in {@code dir}; {@code env} is added to this process's environment. */
    public static LabProcess start(String name, List<String> command, Path dir, Path log, Map<String, String> env,
                                   boolean detached) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (detached && Files.isExecutable(Path.of(SETSID))) {
            cmd.add(SETSID);
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new LabProcess(name, pb.start(), log);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** When the process started (with the pid, what identifies it later: pids are reused). */
    public long startedAt() {
        return startInstant(process.toHandle()).map(Instant::toEpochMilli).orElse(0L);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Something that answers once the server is ready; an exception counts as "not yet". */
    public interface Probe {
        boolean ready() throws Exception;
    }

    /** Polls the probe until it answers; an IllegalStateException with the log tail if the process dies or time runs out. */
    public void awaitReady(Duration timeout, Probe probe) {
        awaitReady(name, process, timeout, probe, () -> "(" + log + ")\n" + tail(log, 40));
    }

    /** {@link #awaitReady(Duration, Probe)} of any process; {@code logTail} is shown when it fails. */
    public static void awaitReady(String name, Process process, Duration timeout, Probe probe, Supplier<String> logTail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            if (!process.isAlive()) {
                throw failure(name, "exited with code " + process.exitValue() + " before answering", null, logTail);
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw failure(name, "did not answer within " + timeout.toSeconds() + " s", last, logTail);
            }
            sleep(50);
        }
    }

    private static IllegalStateException failure(String name, String what, Exception cause, Supplier<String> logTail) {
        return new IllegalStateException(name + " " + what + (cause == null ? "" : " (last probe error: " + cause + ")")
                + "\n--- log tail " + logTail.get(), cause);
    }

    /** Exit code and output (stdout and stderr together) of a command run to its end. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    /** Runs a short command to its end, killed after {@code timeout} (then an IllegalStateException). */
    public static Result run(Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("irm-lab-cmd", ".out");
            Path err = Files.createTempFile("irm-lab-cmd", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
                }
                return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                        new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** The last lines of a log file, or a note that it cannot be read. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return "[" + log + ": " + e.getMessage() + "]\n";
        }
    }

    /** The process {@code pid} if it is still the one started at {@code startedAt} (0: not checked). */
    public static Optional<ProcessHandle> find(long pid, long startedAt) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(ph -> startedAt == 0 || startInstant(ph).map(i -> Math.abs(i.toEpochMilli() - startedAt) < 2000).orElse(true));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; its descendants too. True if it is gone. */
    public static boolean stop(ProcessHandle handle, Duration grace) {
        return stopAll(List.of(handle), grace);
    }

    /** SIGTERM to all at once, then SIGKILL to what is left after {@code grace}; descendants too. True if all are gone. */
    public static boolean stopAll(List<ProcessHandle> handles, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle h : handles) {
            all.add(h);
            all.addAll(h.descendants().toList());
        }
        handles.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : handles) {
            awaitExit(h, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        all.forEach(h -> awaitExit(h, Duration.ofSeconds(5)));
        return all.stream().noneMatch(ProcessHandle::isAlive);
    }

    private static void awaitExit(ProcessHandle handle, Duration atMost) {
        try {
            handle.onExit().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // still there: the caller sees isAlive()
        }
    }

    private static Optional<Instant> startInstant(ProcessHandle ph) {
        return ph.info().startInstant();
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
