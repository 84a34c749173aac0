package dev.irm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.cli.CliEnvironment;
import dev.irm.cli.CommandLineFactory;
import dev.irm.support.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs irm in-process exactly as {@code main} does (same CommandLine factory), with its own
 * state and config folders and no terminal. Environment variables can be added per instance.
 */
public final class IrmCli {
    private final Map<String, String> env = new HashMap<>();
    private final Path home;

    public IrmCli() {
        try {
            home = Files.createTempDirectory("irm-cli");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        env.put("IRM_CONFIG", home.resolve("config.yaml").toString());
        env.put("USER", "tester");
        env.put("HOSTNAME", "testhost");
    }

    public IrmCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path home() {
        return home;
    }

    public Path recordsDir() {
        return home.resolve("state").resolve("irm").resolve("records");
    }

    public List<Path> records() {
        if (!Files.isDirectory(recordsDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(recordsDir())) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long started = System.nanoTime();
        int code = CommandLineFactory.create(new PrintWriter(out, true), new PrintWriter(err, true),
                new CliEnvironment(Map.copyOf(env), false)).execute(args);
        return new Result(code, out.toString(), err.toString(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Exit code, stdout, stderr and wall time of one command. */
    public record Result(int code, String out, String err, long millis) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        public JsonNode check(String id) {
            for (JsonNode target : json().path("targets")) {
                for (JsonNode check : target.path("checks")) {
                    if (id.equals(check.path("id").asText())) {
                        return check;
                    }
                }
            }
            throw new AssertionError("no check " + id + " in " + out);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
