package dev.irm.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a child process and measures its wall time. */
final class Proc {
    /** Seconds one run may take before it is killed and the measurement fails. */
    static final long RUN_TIMEOUT_SECONDS = 60;

    record Result(int code, String out, String err, long millis, boolean timedOut) {
        /** The last lines of stdout and stderr, for error rows. */
        String tail() {
            String text = (out + "\n" + err).strip();
            return text.length() <= 600 ? text : "..." + text.substring(text.length() - 600);
        }
    }

    /** Judges a run: throws with the reason when it did not measure what it should (wrong exit code, target unreachable...). */
    interface Expect {
        void check(Result result);

        Expect ANY = r -> { };

        static Expect exit(int... codes) {
            return r -> {
                for (int c : codes) {
                    if (r.code() == c) {
                        return;
                    }
                }
                throw new IllegalStateException("exit " + r.code() + ": " + r.tail());
            };
        }
    }

    private Proc() {
    }

    static Result run(Map<String, String> env, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        // connection settings come only from the measurement's env, never from the shell that started the bench
        pb.environment().keySet().removeIf(k -> k.startsWith("IRM_") || k.equals("DOCKER_HOST") || k.equals("KUBECONFIG"));
        pb.environment().putAll(env);
        File out = Files.createTempFile("irm-bench", ".out").toFile();
        File err = Files.createTempFile("irm-bench", ".err").toFile();
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(out);
        pb.redirectError(err);
        long started = System.nanoTime();
        Process p = pb.start();
        boolean timedOut = !p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (timedOut) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Result result = new Result(p.exitValue(), read(out), read(err), millis, timedOut);
        if (timedOut) {
            throw new IllegalStateException("killed after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n" + result.tail());
        }
        return result;
    }

    private static String read(File file) throws IOException {
        String text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
        Files.deleteIfExists(file.toPath());
        return text;
    }

    /** One warm-up run, then {@code runs} timed runs; every run is judged by {@code expect}. */
    static Timing time(String name, int runs, Map<String, String> env, List<String> command, String note, Expect expect)
            throws IOException, InterruptedException {
        expect.check(run(env, command, RUN_TIMEOUT_SECONDS));
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Result r = run(env, command, RUN_TIMEOUT_SECONDS);
            expect.check(r);
            millis.add(r.millis());
        }
        return new Timing(name, millis, note);
    }

    /** One command to time next to others: see {@link #interleaved}. */
    record Variant(String name, Map<String, String> env, List<String> command, String note, Expect expect) {
    }

    /**
     * A/B on a loaded machine: one warm-up of each variant, then {@code runs} rounds that run each
     * variant once in turn, so every variant sees the same load. One timing per variant, in order.
     */
    static List<Timing> interleaved(int runs, List<Variant> variants) throws IOException, InterruptedException {
        List<List<Long>> millis = new ArrayList<>();
        for (Variant v : variants) {
            v.expect().check(run(v.env(), v.command(), RUN_TIMEOUT_SECONDS));
            millis.add(new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get(k);
                Result r = run(v.env(), v.command(), RUN_TIMEOUT_SECONDS);
                v.expect().check(r);
                millis.get(k).add(r.millis());
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int k = 0; k < variants.size(); k++) {
            timings.add(new Timing(variants.get(k).name(), millis.get(k), variants.get(k).note()));
        }
        return timings;
    }

    /** The 1-minute load average (/proc/loadavg), "?" where there is none. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static Timing time(String name, int runs, Map<String, String> env, List<String> command, String note)
            throws IOException, InterruptedException {
        return time(name, runs, env, command, note, Expect.ANY);
    }

    static List<String> bash(String script) {
        return List.of("bash", "-c", script);
    }

    /** Peak RSS in KiB of one run, from GNU time. */
    static long peakRssKib(Map<String, String> env, List<String> command, Expect expect) throws IOException, InterruptedException {
        Path file = Files.createTempFile("irm-rss", ".txt");
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", file.toString()));
        wrapped.addAll(command);
        expect.check(run(env, wrapped, RUN_TIMEOUT_SECONDS));
        String text = Files.readString(file).trim();
        Files.deleteIfExists(file);
        String[] lines = text.split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }
}
