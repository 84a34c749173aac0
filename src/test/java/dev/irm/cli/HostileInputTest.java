package dev.irm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.connector.ConnectorRegistry;
import dev.irm.engine.RunVariables;
import dev.irm.runbook.LoadedRunbook;
import dev.irm.runbook.RunbookCatalog;
import dev.irm.support.IrmException;
import dev.irm.testing.IrmCli;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 items 5 and 9, each attack as it was reported: one clear line, the documented exit
 * code (65 bad runbook or config, 64 bad --set), never 70, no stack trace without -v, no hang.
 */
class HostileInputTest {
    private static final String HEADER = """
            id: hostile
            title: Hostile
            severity: P2
            targets: [redis]
            steps:
              - id: a
                kind: manual
                title: A
                text: hi
            """;

    @TempDir
    Path dir;

    private static void assertOneLine(IrmCli.Result r, int code, String fragment) {
        assertEquals(code, r.code(), r.toString());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in: " + abbreviate(r.err()));
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Error:"), abbreviate(r.err()));
        assertTrue(r.err().strip().lines().count() <= 2, abbreviate(r.err()));
        assertTrue(r.err().length() < 2_000, "the message echoes the input: " + abbreviate(r.err()));
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

    private IrmCli.Result validate(String yaml) throws IOException {
        Path file = dir.resolve("hostile.yaml");
        Files.writeString(file, yaml);
        return new IrmCli().run("validate", file.toString());
    }

    private Path bigFile(String name, String prefix, int bytes, char fill, String suffix) throws IOException {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(prefix);
            char[] chunk = new char[64 * 1024];
            java.util.Arrays.fill(chunk, fill);
            for (int left = bytes; left > 0; left -= chunk.length) {
                w.write(chunk, 0, Math.min(left, chunk.length));
            }
            w.write(suffix);
        }
        return file;
    }

    @Test
    void aThousandLevelWhenIsOneLocatedLine() throws IOException {
        String deep = "(".repeat(1000) + "true" + ")".repeat(1000);
        IrmCli.Result r = validate(HEADER + "    when: \"" + deep + "\"\n");
        assertOneLine(r, 65, "nests 1000 levels deep, more than the 32 allowed");
        assertTrue(r.err().matches("(?s).*hostile\\.yaml:\\d+:\\d+: step a: when: bad expression .*"), r.err());
    }

    @Test
    void hugeScalarsLinesAndCommentsAreRefusedBeforeParsing() throws IOException {
        Path scalar = bigFile("scalar.yaml", "id: x\ntitle: \"", 25_000_000, 'x', "\"\n");
        assertOneLine(new IrmCli().run("validate", scalar.toString()), 65, "scalar.yaml:1:1: cannot read: 25000016 bytes, more than the 1048576 allowed");
        Path comment = bigFile("comment.yaml", "# ", 30_000_000, 'c', "\nid: x\n");
        assertOneLine(new IrmCli().run("validate", comment.toString()), 65, "comment.yaml:1:1: cannot read:");
        Path line = dir.resolve("line.yaml");
        Files.writeString(line, HEADER + "    description: " + "y".repeat(500_000) + "\n");
        assertOneLine(new IrmCli().run("validate", line.toString()), 65, "line 10 has 500017 characters, more than the 10000 allowed");
        Path nested = dir.resolve("nested.yaml");
        Files.writeString(nested, HEADER + "    with: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        IrmCli.Result r = new IrmCli().run("validate", nested.toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().matches("(?s)\\S*nested\\.yaml:\\d+:\\d+: .*"), r.err());
    }

    @Test
    void onlyRegularFilesAreRead() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertOneLine(new IrmCli().run("validate", fifo.toString()), 64, "not a regular file or folder");
        Path folder = Files.createDirectory(dir.resolve("runbooks"));
        assertEquals(0, new ProcessBuilder("mkfifo", folder.resolve("trap.yaml").toString()).start().waitFor());
        assertEquals(0, new IrmCli().run("--runbooks", folder.toString(), "list").code(), "a FIFO in a runbook folder is passed over");
        for (String config : List.of("/dev/zero", fifo.toString())) {
            assertOneLine(new IrmCli().env("IRM_CONFIG", config).run("config", "view"), 65, "cannot read: not a regular file");
        }
        Path big = bigFile("config.yaml", "# ", 30_000_000, 'c', "\n");
        assertOneLine(new IrmCli().env("IRM_CONFIG", big.toString()).run("config", "view"), 65, "more than the 1048576 allowed");
    }

    @Test
    void aConfigNamingAMissingContextOrAnEndlessTimeoutIsRefused() throws IOException {
        Path nope = dir.resolve("nope.yaml");
        Files.writeString(nope, "currentContext: nope\ncontexts:\n  prod:\n    redis: {url: \"redis://127.0.0.1:1\"}\n");
        assertOneLine(new IrmCli().env("IRM_CONFIG", nope.toString()).run("diagnose", "redis"), 65,
                "currentContext 'nope' is not one of its contexts (it has: prod)");
        Path slow = dir.resolve("slow.yaml");
        Files.writeString(slow, "currentContext: prod\ncontexts:\n  prod:\n    redis: {url: \"redis://127.0.0.1:1\", timeout: 999999999d}\n");
        assertOneLine(new IrmCli().env("IRM_CONFIG", slow.toString()).run("diagnose", "redis"), 65,
                "context redis.timeout: '999999999d' is longer than the 30s allowed");
        Path twice = dir.resolve("twice.yaml");
        Files.writeString(twice, "currentContext: prod\ncurrentContext: staging\ncontexts:\n  prod: {}\n  staging: {}\n");
        assertOneLine(new IrmCli().env("IRM_CONFIG", twice.toString()).run("config", "view"), 65, "twice.yaml:2:");
        Path odd = dir.resolve("odd.yaml");
        Files.writeString(odd, "contexts:\n  prod:\n    redis: [1]\n");
        assertOneLine(new IrmCli().env("IRM_CONFIG", odd.toString()).run("diagnose", "redis"), 65,
                "odd.yaml:3:12: contexts.prod.redis: expected a mapping (key: value)");
    }

    @Test
    void badSetValuesAreUsageErrorsAtSetTime() {
        String ids1500 = IntStream.rangeClosed(1, 1500).mapToObj(Integer::toString).collect(Collectors.joining(","));
        assertOneLine(new IrmCli().run("run", "db-pool-exhaustion", "--dry-run", "--set", "kill_ids=" + ids1500), 64,
                "--set kill_ids: '1,2,3,4,5,6");
        assertOneLine(new IrmCli().run("run", "kafka-lag", "--dry-run", "--set", "interval=999999999d"), 64,
                "--set interval: '999999999d' is not a duration");
        assertOneLine(new IrmCli().run("run", "kafka-lag", "--dry-run", "--set", "interval=2m"), 64,
                "--set interval: 2m is more than the maximum 1m");
        for (String path : List.of("/admin/.", "/admin/..", "/admin/./x", "/admin/../../etc", "/admin//x", "admin")) {
            assertOneLine(new IrmCli().run("run", "queue-stall", "--dry-run", "--set", "activate_path=" + path), 64,
                    "--set activate_path: '" + path + "' is not an app path");
        }
        assertOneLine(new IrmCli().run("run", "db-pool-exhaustion", "--dry-run", "--set", "long_query_s=-5"), 64,
                "--set long_query_s: -5 is less than the minimum 1");
        assertOneLine(new IrmCli().run("run", "app-oom", "--dry-run", "--set", "scale_to=-1"), 64,
                "--set scale_to: -1 is less than the minimum 1");
        assertOneLine(new IrmCli().run("run", "redis-oom", "--dry-run", "--set", "warn_pct=-1"), 64,
                "is less than the minimum 0");
        assertOneLine(new IrmCli().run("run", "redis-oom", "--dry-run", "--set", "cache_pattern=" + "k".repeat(3_000_000)), 64,
                "a value of 3000000 characters is longer than the 16384 allowed");
    }

    @Test
    void valuesWithinTheBoundsAreAccepted() {
        LoadedRunbook db = RunbookCatalog.load(List.of(), ConnectorRegistry.discover()).require("db-pool-exhaustion");
        String ids1000 = IntStream.rangeClosed(1, 1000).mapToObj(i -> Long.toString(9_000_000_000L + i)).collect(Collectors.joining(","));
        assertEquals(ids1000, RunVariables.resolve(db, Map.of(), Map.of("kill_ids", ids1000)).get("kill_ids"));
        assertEquals(10L, RunVariables.resolve(db, Map.of(), Map.of("long_query_s", "10")).get("long_query_s"));
        IrmException tooMany = assertThrows(IrmException.class,
                () -> RunVariables.resolve(db, Map.of(), Map.of("kill_ids", ids1000 + ",1")));
        assertEquals(64, tooMany.exitCode());
        LoadedRunbook queue = RunbookCatalog.load(List.of(), ConnectorRegistry.discover()).require("queue-stall");
        assertEquals("/admin/queue/v2.activate", RunVariables.resolve(queue, Map.of(), Map.of("activate_path", "/admin/queue/v2.activate")).get("activate_path"));
    }

    @Test
    void aForgedRecordStillMakesAReport() throws IOException {
        Path record = dir.resolve("forged.jsonl");
        Files.writeString(record, """
                {"event":"run.started","at":"2026-12-01T00:00:00Z","title":"Forged","data":{"runbook":"redis-oom","targets":["redis"]}}
                {"event":"step.finished","at":"nope","step":"a"}
                {"event":null,"at":"2026-12-01T00:00:01Z"}
                [1,2]
                {"event":"step.finished","at":"2026-12-01T00:00:02Z","step":"a","data":{"checks":"zz"}}
                {"event":"step.finished","at":"2026-12-01T00:00:02Z","step":"b","data":{"checks":[{"status":null,"id":5},7]}}
                {"event":"run.finished","at":"2026-12-01T00:00:03Z","status":"OK","data":{"exitCode":"x"}}
                """);
        for (String format : List.of("markdown", "json")) {
            IrmCli.Result r = new IrmCli().run("report", record.toString(), "-o", format);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("Forged"), r.out());
            assertTrue(r.err().contains("skipped 3 bad lines (line 2: 'at' is not a time; line 3: 'event' is not a name; line 4: not an event object)"), r.err());
        }
        Files.writeString(record, "{\"at\":\"nope\"}\n");
        assertOneLine(new IrmCli().run("report", record.toString()), 64, "is not an irm record");
    }
}
