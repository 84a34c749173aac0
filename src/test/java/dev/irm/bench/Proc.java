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
    record Result(int code, String out, long millis) {
    }

    private Proc() {
    }

    static Result run(Map<String, String> env, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        File out = Files.createTempFile("irm-bench", ".out").toFile();
        pb.redirectOutput(out);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long started = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        Files.deleteIfExists(out.toPath());
        return new Result(p.exitValue(), text, millis);
    }

    static Timing time(String name, int runs, Map<String, String> env, List<String> command, String note) throws IOException, InterruptedException {
        run(env, command, 120);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            millis.add(run(env, command, 120).millis());
        }
        return new Timing(name, millis, note);
    }

    static List<String> bash(String script) {
        return List.of("bash", "-c", script);
    }

    /** Peak RSS in KiB of one run, from GNU time. */
    static long peakRssKib(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path file = Files.createTempFile("irm-rss", ".txt");
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", file.toString()));
        wrapped.addAll(command);
        run(env, wrapped, 120);
        String text = Files.readString(file).trim();
        Files.deleteIfExists(file);
        String[] lines = text.split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }
}
