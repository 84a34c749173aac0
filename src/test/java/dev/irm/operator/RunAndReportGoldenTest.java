package dev.irm.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code irm run} and {@code irm report} end to end on a real Redis, against golden files made by
 * irm 0.3.0 before the timeline became types: stdout and exit code of a run with {@code --yes}
 * and of a {@code --dry-run -o json}, the audit log, and the report of each record in JSON and
 * Markdown. Times, durations, ports and record names are normalised. {@code -Dirm.golden.write=true}
 * rewrites {@code src/test/resources/golden/real-redis/} (then review the diff).
 */
class RunAndReportGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/real-redis");
    private static final boolean WRITE = Boolean.getBoolean("irm.golden.write");

    @TempDir
    Path dir;

    @Test
    void aRunWithYesADryRunAndTheirReportsAreAsTheyWere() throws Exception {
        Files.copy(GOLDEN.resolve("golden-redis.yaml"), dir.resolve("golden-redis.yaml"));
        try (RedisServer redis = RedisServer.start()) {
            IrmCli cli = new IrmCli();
            seed(redis);
            IrmCli.Result run = cli.run("--runbooks", dir.toString(), "run", "golden-redis", "--yes", "--redis", redis.url());
            compare("run-yes.txt", normalise(run.out(), cli, redis) + "exit " + run.code() + "\n");
            assertTrue(run.err().isEmpty(), run.err());
            seed(redis);
            IrmCli.Result dry = cli.run("--runbooks", dir.toString(), "run", "golden-redis", "--dry-run", "--redis", redis.url(), "-o", "json");
            compare("run-dry.json", normalise(dry.out(), cli, redis) + "exit " + dry.code() + "\n");
            compare("audit.log", normalise(Files.readString(cli.home().resolve("state/irm/audit.log")), cli, redis));
            List<Path> records = cli.records();
            assertEquals(2, records.size(), records.toString());
            for (int i = 0; i < records.size(); i++) {
                for (String format : List.of("json", "markdown")) {
                    IrmCli.Result report = cli.run("report", records.get(i).toString(), "-o", format);
                    assertEquals(0, report.code(), report.toString());
                    compare("report-" + (i + 1) + "." + (format.equals("json") ? "json" : "md"), normalise(report.out(), cli, redis));
                }
            }
        }
    }

    private static void seed(RedisServer redis) {
        try (Jedis jedis = redis.client()) {
            jedis.flushAll();
            jedis.set("cache:a", "1");
            jedis.rpush("queue:x", "job");
        }
    }

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    private static String normalise(String text, IrmCli cli, RedisServer redis) {
        Map<String, String> times = new LinkedHashMap<>();
        Matcher m = INSTANT.matcher(text.replace(cli.home().toString(), "HOME").replace(redis.url(), "REDIS")
                .replace(String.valueOf(redis.port()), "PORT"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "T" + times.computeIfAbsent(m.group(), t -> String.valueOf(times.size())));
        }
        m.appendTail(out);
        return out.toString()
                .replaceAll("\\d{8}T\\d{6}Z-golden-redis-\\d+(_\\d+)?\\.jsonl", "RECORD.jsonl")
                .replaceAll("\"(durationMs|latency_ms|elapsed_ms)\"( ?): ?[0-9.]+", "\"$1\"$2: 0")
                .replaceAll("\\d+ ms", "N ms")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\S+", "DATE")
                .replaceAll("\\| \\d\\d:\\d\\d:\\d\\d \\|", "| CLOCK |")
                .replaceAll("\\d+ min", "N min")
                .replaceAll("ver: \\S+", "ver: V");
    }

    private static void compare(String file, String actual) throws IOException {
        Path golden = GOLDEN.resolve(file);
        if (WRITE) {
            Files.writeString(golden, actual);
            return;
        }
        assertTrue(Files.exists(golden), "no golden file " + golden + " (run with -Dirm.golden.write=true once)");
        assertEquals(Files.readString(golden), actual, file);
    }
}
