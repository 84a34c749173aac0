package dev.irm.bench;

import dev.irm.testing.FreePorts;
import dev.irm.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * The benchmark behind {@code bench/run.sh}: starts the same real servers the tests use, seeds
 * them, and times irm against the manuals' command routines. Writes bench/results/latest.{md,json}.
 */
public final class BenchMain {
    private final Path project;
    private final int runs;
    private final List<Timing> timings = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    private BenchMain(Path project, int runs) {
        this.project = project;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        new BenchMain(project, runs).run();
        System.exit(0);
    }

    private List<String> irm(String... args) {
        List<String> cmd = new ArrayList<>(List.of(project.resolve("bin/irm").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void run() throws Exception {
        Path state = Files.createTempDirectory("irm-bench-state");
        env.put("XDG_STATE_HOME", state.toString());
        env.put("IRM_CONFIG", state.resolve("config.yaml").toString());
        Proc.run(env, irm("--version"), 600);

        startup();
        try (RedisServer redis = RedisServer.start("--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru")) {
            env.put("IRM_REDIS_URL", redis.url());
            redisRoutine(redis);
            redisScan(redis);
        }
        deadTargets();
        write();
    }

    private void startup() throws Exception {
        Path hello = Files.createTempDirectory("irm-bench-hello");
        Files.writeString(hello.resolve("Hello.java"), "public class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }");
        Proc.run(env, List.of("javac", "-d", hello.toString(), hello.resolve("Hello.java").toString()), 60);
        timings.add(Proc.time("bare JVM start (java Hello)", runs, env, List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", hello.toString(), "Hello"), "anchor"));
        timings.add(Proc.time("irm --version", runs, env, irm("--version"), "target ≤ 120 ms"));
    }

    private void redisRoutine(RedisServer redis) throws Exception {
        try (Jedis jedis = redis.client()) {
            for (int i = 0; i < 2000; i++) {
                jedis.set("cache:item:" + i, "v" + i);
            }
        }
        String cli = "redis-cli -h 127.0.0.1 -p " + redis.port();
        String routine = String.join(" && ", cli + " PING", cli + " INFO memory", cli + " INFO stats", cli + " INFO clients",
                cli + " SLOWLOG GET 10", cli + " DBSIZE", cli + " CONFIG GET maxmemory-policy") + " >/dev/null";
        Timing manual = Proc.time("manual Redis routine (redis-cli ×7)", runs, env, Proc.bash(routine), "seed 000 §3.3 commands");
        Timing irm = Proc.time("irm diagnose redis", runs, env, irm("diagnose", "redis"), "target ≤ 200 ms");
        timings.add(manual);
        timings.add(irm);
        facts.put("redis_irm_vs_manual_ratio", ratio(manual, irm));
    }

    /** SCAN throughput: irm's pattern count over 1,000,000 keys vs redis-cli --scan, and irm never in SLOWLOG above 10 ms. */
    private void redisScan(RedisServer redis) throws Exception {
        try (Jedis jedis = redis.client()) {
            jedis.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "POPULATE", "1000000", "cache:big");
            jedis.configSet("slowlog-log-slower-than", "10000");
            jedis.sendCommand(() -> "SLOWLOG".getBytes(StandardCharsets.US_ASCII), "RESET");
        }
        String cli = "redis-cli -h 127.0.0.1 -p " + redis.port();
        Timing manual = Proc.time("redis-cli --scan --pattern 'cache:*' | wc -l (1,000,000 keys)", runs, env,
                Proc.bash(cli + " --scan --pattern 'cache:*' --count 1000 | wc -l"), "");
        Timing irm = Proc.time("irm run redis-oom --dry-run (SCAN count of cache:*, 1,000,000 keys)", runs, env,
                irm("run", "redis-oom", "--dry-run", "-o", "json"), "whole dry run, incl. the count");
        timings.add(manual);
        timings.add(irm);
        facts.put("scan_throughput_ratio_irm_vs_redis_cli", ratio(irm, manual));
        try (Jedis jedis = redis.client()) {
            Object slow = jedis.sendCommand(() -> "SLOWLOG".getBytes(StandardCharsets.US_ASCII), "GET", "128");
            long irmEntries = 0;
            for (Object entry : (List<?>) slow) {
                List<?> e = (List<?>) entry;
                Object name = e.size() > 5 ? e.get(5) : null;
                if (name instanceof byte[] b && new String(b, StandardCharsets.UTF_8).equals("irm")) {
                    irmEntries++;
                }
            }
            facts.put("redis_slowlog_entries_over_10ms_from_irm", irmEntries);
        }
    }

    private void deadTargets() throws Exception {
        Map<String, String> dead = new LinkedHashMap<>(env);
        dead.put("IRM_REDIS_URL", "redis://127.0.0.1:" + FreePorts.next());
        timings.add(Proc.time("irm diagnose redis, refused port", runs, dead, irm("diagnose", "redis"), "→ CRITICAL"));
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            dead.put("IRM_REDIS_URL", "redis://127.0.0.1:" + hole.port());
            timings.add(Proc.time("irm diagnose redis, black-holed port", runs, dead, irm("diagnose", "redis"), "→ CRITICAL, bound ~2 s"));
        }
    }

    private static double ratio(Timing slow, Timing fast) {
        return fast.median() <= 0 ? 0 : Math.round(slow.median() * 100.0 / fast.median()) / 100.0;
    }

    private void write() throws Exception {
        Path out = project.resolve("bench/results");
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        md.append("# irm benchmark\n\n").append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", ").append(runs)
                .append(" timed runs each after one warm-up. Wall times in ms.\n\n")
                .append("| what | median | min | max | runs | note |\n| --- | --- | --- | --- | --- | --- |\n");
        timings.forEach(t -> md.append(t.row()).append('\n'));
        md.append("\n| fact | value |\n| --- | --- |\n");
        facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Files.writeString(out.resolve("latest.md"), md.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", Instant.now().toString());
        json.put("runs", runs);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Timing t : timings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("medianMs", t.median());
            row.put("minMs", t.min());
            row.put("maxMs", t.max());
            row.put("samplesMs", t.millis());
            rows.add(row);
        }
        json.put("timings", rows);
        json.put("facts", facts);
        Files.writeString(out.resolve("latest.json"), dev.irm.render.Json.pretty(json));
        System.out.println(md);
        System.out.println(String.format(Locale.ROOT, "written: %s", out.resolve("latest.md")));
    }
}
