package dev.irm.connector.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 1, "a target is one package": {@link FakeConnectorFactory} (test code, in no services file of
 * the build) is put on a child irm's class path in a jar holding only its services entry. With nothing else
 * changed, irm diagnoses it, runs a runbook of its actions, includes it in {@code diagnose all}, takes its
 * option, variable and config section, and masks its secret. Without the jar the same irm refuses it.
 */
class FakeTargetTest {
    private static final String KEY = "s3cr3t-fake-key";
    private static Path home;
    private static Path jar;
    private static Path runbooks;
    private static Path folder;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        home = Files.createTempDirectory("irm-fake");
        jar = home.resolve("irm-fake-target.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.irm.connector.ConnectorFactory"));
            out.write((FakeConnectorFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        runbooks = Files.createDirectories(home.resolve("runbooks"));
        Files.writeString(runbooks.resolve("fake-health.yaml"), """
                id: fake-health
                title: Fake level
                severity: P3
                targets: [fake]
                steps:
                  - id: level
                    kind: diagnostic
                    title: Level of the fake
                    action: fake.level
                    checks:
                      - id: fake.level
                        title: Level under 50
                        critical: level >= 50
                        summary: "level ${level}"
                """);
        folder = Files.createDirectories(home.resolve("fake"));
        Files.writeString(folder.resolve("apikey"), KEY);
    }

    @Test
    void diagnoseFakeJudgesWhatItsConnectorReads() throws Exception {
        Files.writeString(folder.resolve("level"), "90");
        Result critical = irm(Map.of("IRM_FAKE_APIKEY", KEY), "--runbooks", runbooks.toString(), "diagnose", "fake", "--fake-dir", folder.toString());
        assertEquals(2, critical.code(), critical.toString());
        assertTrue(critical.out().matches("(?s).*CRITICAL +fake\\.level +level 90.*"), critical.out());

        Files.writeString(folder.resolve("level"), "10");
        Result ok = irm(Map.of("IRM_FAKE_APIKEY", KEY, "IRM_FAKE_DIR", folder.toString()), "--runbooks", runbooks.toString(), "diagnose", "fake");
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().matches("(?s).*OK +fake\\.level +level 10.*"), ok.out());

        Result refused = irm(Map.of("IRM_FAKE_APIKEY", "wrong-key"), "--runbooks", runbooks.toString(), "diagnose", "fake", "--fake-dir", folder.toString());
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.out().matches("(?s).*CRITICAL +fake\\.reachable .*api key refused.*"), refused.out());
    }

    @Test
    void aRunbookOfFakeActionsRunsAndValidates() throws Exception {
        Files.writeString(folder.resolve("level"), "77");
        Result valid = irm(Map.of(), "validate", runbooks.toString());
        assertEquals(0, valid.code(), valid.toString());
        Result run = irm(Map.of("IRM_FAKE_APIKEY", KEY), "--runbooks", runbooks.toString(), "run", "fake-health", "--fake-dir", folder.toString(), "-o", "json");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.out().contains("\"fake.level\"") && run.out().contains("level 77"), run.out());
    }

    @Test
    void diagnoseAllIncludesTheFakeTargetLast() throws Exception {
        Files.writeString(folder.resolve("level"), "10");
        String closed = "127.0.0.1:1";
        Result all = irm(Map.of("IRM_FAKE_APIKEY", KEY), "--runbooks", runbooks.toString(), "--timeout", "10s", "diagnose", "all", "-o", "json",
                "--fake-dir", folder.toString(), "--redis", "redis://" + closed, "--mysql", "jdbc:mysql://" + closed + "/", "--kafka", closed,
                "--app", "http://" + closed, "--prometheus", "http://" + closed);
        JsonNode json = Json.MAPPER.readTree(all.out());
        List<String> targets = new ArrayList<>();
        json.get("targets").forEach(t -> targets.add(t.get("target").asText()));
        assertEquals("redis", targets.get(0), targets.toString());
        assertEquals("fake", targets.get(targets.size() - 1), "after the built-in targets, in its declared order: " + targets);
        JsonNode fake = json.get("targets").get(targets.size() - 1);
        assertEquals("OK", fake.get("status").asText(), fake.toString());
        assertEquals("folder " + folder, fake.get("endpoint").asText(), fake.toString());
    }

    @Test
    void configViewShowsItsSectionWithTheSecretMasked() throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "currentContext: lab\ncontexts:\n  lab:\n    fake: {dir: " + folder + ", apikey: " + KEY + "}\n");
        Result view = irm(Map.of("IRM_CONFIG", config.toString()), "config", "view");
        assertEquals(0, view.code(), view.toString());
        assertTrue(view.out().contains("  fake:\n    apikey: '***'\n    dir: " + folder + "\n"), view.out());
        assertFalse(view.out().contains(KEY), view.out());
        Result fromEnv = irm(Map.of("IRM_FAKE_APIKEY", KEY), "config", "view", "--fake-dir", "/srv/fake");
        assertTrue(fromEnv.out().contains("  fake:\n    apikey: '***'\n    dir: /srv/fake\n"), fromEnv.out());
        assertFalse(fromEnv.out().contains(KEY), fromEnv.out());
    }

    @Test
    void helpAndCompletionListItsOptionAndName() throws Exception {
        Result help = irm(Map.of(), "diagnose", "--help");
        assertTrue(help.out().contains("--fake-dir=DIR") && help.out().contains("Folder of the fake target."), help.out());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("http, process, fake, or all."), help.out());
        Result complete = irm(Map.of(), "__complete", "targets");
        assertTrue(complete.out().contains("\nfake\nall\n"), complete.out());
    }

    @Test
    void withoutItsJarTheSameIrmKnowsNoFakeTarget() throws Exception {
        Result unknown = run(List.of(), Map.of(), "--runbooks", runbooks.toString(), "diagnose", "fake");
        assertEquals(65, unknown.code(), "the runbook names an action no connector has: " + unknown);
        Path config = Files.writeString(home.resolve("config-without.yaml"), "contexts:\n  lab:\n    fake: {dir: /srv/fake}\n");
        Result section = run(List.of(), Map.of("IRM_CONFIG", config.toString()), "config", "view");
        assertEquals(65, section.code(), section.toString());
        assertTrue(section.err().contains("unknown field 'fake'"), section.err());
    }

    private static Result irm(Map<String, String> env, String... args) throws Exception {
        return run(List.of(jar), env, args);
    }

    /** {@code java -cp <this test's class path>:<extra> dev.irm.Main args}, in a clean environment. */
    private static Result run(List<Path> extra, Map<String, String> env, String... args) throws Exception {
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        extra.forEach(p -> classPath.append(java.io.File.pathSeparator).append(p));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath.toString(), "dev.irm.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
        pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
        pb.environment().put("IRM_CONFIG", home.resolve("no-config.yaml").toString());
        pb.environment().put("IRM_DOCKER_DEFAULT_SOCKET", home.resolve("no-docker.sock").toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            // no input: irm sees no terminal
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("irm " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
