package dev.irm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irm.connector.k8s.K8sMockCluster;
import dev.irm.connector.kafka.KafkaSeeds;
import dev.irm.testing.FreePorts;
import dev.irm.testing.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.Jedis;

/**
 * The benchmark behind {@code bench/run.sh}: starts the same real servers the tests use, seeds them
 * with the manuals' faults, and times irm against the manuals' command routines. Each section is one
 * method; a section that fails becomes an error row and the others still run. Writes
 * bench/results/latest.{md,json}. See bench/README.md.
 */
public final class BenchMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Target DIAGNOSE_ALL = Target.atMost(1000, "ms");
    private static final String ALL_SEEDED = "irm diagnose all, six seeded targets (ms)";
    private static final String RATIO = "manual routine ÷ irm diagnose all (same run, interleaved)";
    private static final String REDIS = "irm diagnose redis (ms; redis-cli ×7 beside it)";
    private static final String BLACK_HOLED = "every target black-holed (ms)";
    private static final String PODS = "irm diagnose k8s, 2,000 pods on the mock (ms)";
    private static final String RSS = "peak RSS, irm diagnose all (MiB)";
    private static final String TAB = "one TAB of dynamic completion, warm cache (ms)";

    private final Path project;
    private final int runs;
    private final List<String> only;
    private final List<Timing> timings = new ArrayList<>();
    private final List<Fact> facts = new ArrayList<>();
    private Path work;
    private Path labConfig;
    private String loadAtStart = "?";
    /**
     * Why a figure misses its goal and what would close it, as measured (issue 16 asks for both); shown beside a
     * figure only when this run missed it. The rows and figures below each row carry the numbers it rests on.
     */
    private static final Map<String, String> WHY_MISSED = Map.of(
            ALL_SEEDED, "in-process ~0.7-0.9 s, CPU-bound: seven targets start their clients at once on 2 cores (CPU ≈ 1.8 s"
                    + " for ~1.2 s of wall; C1 compiling is ~30 % of it), so each client's first call is 2-3× slower than alone: the"
                    + " Kafka Admin client, fabric8 and the JDK HttpClient each take ~0.35-0.45 s to their first answer here (alone"
                    + " ~0.1-0.15 s), and they are the long poles now. Before any target: JVM start ~0.12 s, picocli ~60 ms, connector"
                    + " discovery ~45 ms (ServiceLoader opens all 73 jars), the config's YAML ~45 ms; output ~20 ms. Would close it:"
                    + " a warm resident irm answering diagnose; fewer compilations measured no faster, one merged jar saved ~20 ms",
            RATIO, "follows from diagnose all's wall time (the manual routine's Kafka tools are 3 JVMs); ≥ 5× needs diagnose all"
                    + " near 1 s: see the row above",
            REDIS, "a JVM's start with picocli, connector discovery and the config (~0.3 s: a refused port takes ~0.45 s"
                    + " in all) against redis-cli's C start, plus the hit-ratio window: at least a fifth of its 1 s (it ends once 1,000"
                    + " lookups, or too few for the whole window, tell; a ratio since start hides a collapse happening now). Would"
                    + " close it: a warm resident irm keeping samples; a native image (no GraalVM here)",
            BLACK_HOLED, "each target waits its 1 s call timeout, in parallel, and a little longer while the JVM is still loading"
                    + " clients (a cold client is not a slow peer); the rest is JVM start. Would close it: a warm client (resident irm)",
            PODS, "the probe (fabric8's client and the first request) and the 1 MB list, read as a JSON tree of the fields the"
                    + " checks use (not fabric8's models); logs for at most 50 pods per window, straight from the log endpoint; each"
                    + " pod's facts once per command. The mock API server runs in the bench's JVM and takes CPU from irm on 2 cores",
            RSS, "the AOT cache is ~64 MiB of it, file-backed and shared through the page cache by concurrent irm processes"
                    + " (JDK 25 maps every archived class at start); the heap ~20-30 MiB (see native memory below). Fewer classes"
                    + " (Kubernetes read as JSON trees, no httpclient5/JNA for a local Docker engine) brought it down; -Xmn,"
                    + " compiler-thread limits, native heap trimming and a smaller code cache measured no better");
    /** Issue 16's table: figure → {value, goal and verdict}, in the issue's order; filled in by the sections. */
    private final Map<String, String[]> goals = new LinkedHashMap<>();
    private String launcher = "";

    interface Section {
        void run() throws Exception;
    }

    interface LabSection {
        void run(Lab lab) throws Exception;
    }

    private BenchMain(Path project, int runs, List<String> only) {
        this.project = project;
        this.runs = runs;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> only = args.length > 2 ? List.of(args[2].toLowerCase(Locale.ROOT).split(",")) : List.of();
        new BenchMain(project, runs, only).run();
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        work = Files.createTempDirectory("irm-bench");
        labConfig = config("lab", Lab.variables());
        Proc.run(env(Map.of(), labConfig), irm("--version"), 600); // builds the jar and the AppCDS archive if needed
        for (String figure : List.of(ALL_SEEDED, RATIO, REDIS, BLACK_HOLED, PODS, RSS, TAB)) {
            goals.put(figure, new String[] {"not measured", "its section failed or was not run: see the rows below"});
        }
        loadAtStart = Proc.load();
        launcher = Proc.run(env(Map.of(), labConfig), irm("--version", "-v"), 600).out().lines()
                .filter(l -> l.startsWith("JDK:") || l.startsWith("archive:")).collect(Collectors.joining("; "));
        section("startup", this::startup);
        section("completion: one TAB", this::completion);
        Map<String, LabSection> labSections = new LinkedHashMap<>();
        labSections.put("irm diagnose redis vs redis-cli ×7", this::redisRoutine);
        labSections.put("jdk and start-up archive A/B", this::jdkAb);
        labSections.put("irm diagnose all vs the manual routine", this::diagnoseAll);
        labSections.put("irm diagnose all without the lag trend window", this::diagnoseAllWithoutTrend);
        labSections.put("peak RSS of irm diagnose all", this::peakRss);
        labSections.put("class loading of irm diagnose all", this::classLoading);
        labSections.put("Kafka 1,000 partitions / 50 groups", this::kafkaScale);
        labSections.put("2,000 pods", this::k8sScale);
        labSections.put("MariaDB 500 connections", this::mysqlScale);
        if (only.contains("hold")) {
            labSections.put("hold", this::hold);
        }
        if (labSections.keySet().stream().anyMatch(this::wanted)) {
            Lab lab = Lab.start(work);
            try {
                lab.missing().forEach((target, why) -> timings.add(Timing.failed("lab: start and seed " + target, "", why)));
                labSections.forEach((name, body) -> section(name, () -> body.run(lab)));
            } finally {
                lab.close();
            }
        }
        section("Redis 1,000,000 keys: SCAN", this::redisScan);
        section("every target dead", this::deadTargets);
        facts.add(new Fact("bench wall time", (System.nanoTime() - started) / 1_000_000_000 + " s", runs + " timed runs per row"));
        write();
        deleteRecursively(work);
    }

    private static String whyMissed(String figure, String verdict) {
        return verdict.contains("MISSED") ? WHY_MISSED.getOrDefault(figure, "") : "";
    }

    private void goal(String figure, Object value, String verdict) {
        goals.put(figure, new String[] {String.valueOf(value), verdict + "; load " + Proc.load()});
    }

    /** A timing row, with the load average at the time it was taken (the machine may be shared). */
    private void add(Timing t) {
        timings.add(t.withNote("load " + Proc.load()));
    }

    /** Runs one measurement; whatever goes wrong becomes an error row and the bench goes on. */
    private void section(String name, Section body) {
        if (!wanted(name)) {
            return;
        }
        System.err.println("bench: " + name + "...");
        try {
            body.run();
        } catch (Throwable e) {
            System.err.println("bench: " + name + " failed: " + Failure.describe(e));
            timings.add(Timing.failed(name, "", Failure.describe(e)));
        }
    }

    /** Every section, or those whose name contains one of the words given on the command line. */
    private boolean wanted(String name) {
        return only.isEmpty() || only.stream().anyMatch(name.toLowerCase(Locale.ROOT)::contains);
    }

    private List<String> irm(String... args) {
        List<String> cmd = new ArrayList<>(List.of(project.resolve("bin/irm").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Environment of one irm run: private state dir, the given config file, and the connection settings. */
    private Map<String, String> env(Map<String, String> connections, Path config) {
        Map<String, String> env = new LinkedHashMap<>(connections);
        env.put("XDG_STATE_HOME", work.resolve("state").toString());
        env.put("IRM_CONFIG", config.toString());
        return env;
    }

    /** A config file whose current context only sets runbook variables (connections come from the environment). */
    private Path config(String name, Map<String, String> variables) throws IOException {
        String vars = variables.entrySet().stream().map(e -> e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining(", "));
        Path file = work.resolve(name + ".yaml");
        Files.writeString(file, "currentContext: bench\ncontexts:\n  bench:\n    variables: {" + vars + "}\n");
        return file;
    }

    private void startup() throws Exception {
        Path hello = Files.createDirectories(work.resolve("hello"));
        Files.writeString(hello.resolve("Hello.java"), "public class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }");
        Proc.run(Map.of(), List.of("javac", "-d", hello.toString(), hello.resolve("Hello.java").toString()), 60);
        add(Proc.time("bare JVM start (java Hello)", runs, Map.of(), List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", hello.toString(), "Hello"), "anchor for irm --version", Proc.Expect.exit(0)));
        Timing version = Proc.time("irm --version", runs, env(Map.of(), labConfig), irm("--version"), "", Proc.Expect.exit(0));
        add(version.withNote(Target.atMost(120, "ms").verdict(version.median())));
        Timing help = Proc.time("irm --help", runs, env(Map.of(), labConfig), irm("--help"),
                "every command listed; only the root's model and the others' descriptions are built", Proc.Expect.exit(0));
        add(help.withNote("issue 16 quotes ~380 ms before (picocli's model of every command and the catalog)"));
    }

    private void redisRoutine(Lab lab) throws Exception {
        require(lab, "redis");
        List<Timing> ab = Proc.interleaved(runs, List.of(
                new Proc.Variant("manual Redis routine (redis-cli ×7)", Map.of(), Proc.bash(ManualRoutine.redis(lab.redis.port())),
                        "seed 000 §3.3 commands; what irm diagnose redis is compared with (interleaved)", Proc.Expect.exit(0)),
                new Proc.Variant("irm diagnose redis (maxmemory full, noeviction)", env(Map.of("IRM_REDIS_URL", lab.redis.url()), labConfig),
                        irm("diagnose", "redis", "-o", "json"), "", reached(List.of("redis"), null))));
        Timing manual = ab.get(0);
        Timing irm = ab.get(1);
        add(manual);
        add(irm.withNote(Target.atMost(200, "ms").verdict(irm.median())));
        goal(REDIS, irm.median(), Target.atMost(200, "ms").verdict(irm.median()) + " (redis-cli ×7: " + manual.median() + " ms)");
        facts.add(new Fact("redis-cli routine ÷ irm diagnose redis", ratio(manual, irm), "no own target (irm starts a JVM; redis-cli does not)"));
    }

    /**
     * The JVM bin/irm picks and its archive, A/B in one interleaved series: every JDK >= 17 in
     * /usr/lib/jvm, each with its archive (AppCDS on 17-24, AOT cache on 25+) and without (IRM_CDS=0).
     */
    private void jdkAb(Lab lab) throws Exception {
        require(lab, "redis");
        List<Proc.Variant> variants = new ArrayList<>();
        for (Path jdk : jdks()) {
            for (boolean archive : List.of(true, false)) {
                Map<String, String> env = env(Map.of("IRM_REDIS_URL", lab.redis.url()), labConfig);
                env.put("JAVA_HOME", jdk.toString());
                env.put("IRM_CDS", archive ? "1" : "0");
                variants.add(new Proc.Variant("irm diagnose redis on " + jdk.getFileName() + (archive ? ", with its archive" : ", IRM_CDS=0"), env,
                        irm("diagnose", "redis", "-o", "json"), "JAVA_HOME set; interleaved with the other JDK rows", reached(List.of("redis"), null)));
            }
        }
        Proc.interleaved(runs, variants).forEach(t -> add(t.withNote(Target.atMost(200, "ms").verdict(t.median()))));
    }

    /** Each JDK >= 17 under /usr/lib/jvm (symlinked duplicates once), oldest first. */
    private static List<Path> jdks() throws IOException {
        Map<Path, Path> real = new LinkedHashMap<>();
        try (Stream<Path> all = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path dir : all.sorted().toList()) {
                Path release = dir.resolve("release");
                if (Files.isExecutable(dir.resolve("bin/java")) && Files.exists(release)) {
                    String version = Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION=")).findFirst().orElse("")
                            .replaceAll("[^0-9.]", "");
                    int feature = version.isEmpty() ? 0 : Integer.parseInt(version.split("\\.")[0]);
                    if (feature >= 17) {
                        real.putIfAbsent(dir.toRealPath(), dir);
                    }
                }
            }
        }
        return List.copyOf(real.values());
    }

    /**
     * One TAB of dynamic completion (bash, the generated script): with a warm cache file (no JVM)
     * and with none (irm __complete through bin/irm, which writes it). Timed inside one bash with
     * $EPOCHREALTIME, so shell start-up and sourcing the script are not counted.
     */
    private void completion() throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path bin = Files.createDirectories(work.resolve("completion-bin"));
        Path link = bin.resolve("irm");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, project.resolve("bin/irm"));
        String script = """
                source '%s'
                tab() { COMP_WORDS=(irm run redis-o); COMP_CWORD=2; COMPREPLY=(); _irm_dynamic irm; [[ "${COMPREPLY[*]}" == redis-oom ]] || { echo "bad: ${COMPREPLY[*]}" >&2; exit 1; }; }
                time_tab() { local t0=$EPOCHREALTIME; tab; local t1=$EPOCHREALTIME; echo "$1 $(( 10#${t1//[.,]/} - 10#${t0//[.,]/} ))"; }
                for ((i = 0; i <= %d; i++)); do rm -f '%s/irm/completion'; time_tab cold; time_tab warm; done
                """.formatted(project.resolve("completions/irm.bash"), runs, cache);
        Map<String, String> env = env(Map.of("XDG_CACHE_HOME", cache.toString(), "PATH", bin + ":" + System.getenv("PATH")), labConfig);
        Proc.Result r = Proc.run(env, Proc.bash(script), Proc.RUN_TIMEOUT_SECONDS * (runs + 1));
        Proc.Expect.exit(0).check(r);
        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        r.out().lines().skip(2).map(l -> l.split(" ")).forEach(f -> byKind.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Long.parseLong(f[1])));
        Target tab = Target.atMost(50, "ms");
        // bash prints µs: a warm TAB is well under a millisecond
        Timing warmUs = new Timing("", byKind.get("warm"), "");
        Timing coldUs = new Timing("", byKind.get("cold"), "");
        Timing warm = new Timing("one TAB of dynamic completion, warm cache (irm run redis-o → redis-oom)",
                byKind.get("warm").stream().map(us -> (us + 999) / 1000).toList(), "bash, the generated script; values from the cache file, no JVM; median "
                + warmUs.median() + " µs (ms rounded up)");
        Timing cold = new Timing("one TAB of dynamic completion, no cache (irm __complete via bin/irm)",
                byKind.get("cold").stream().map(us -> us / 1000).toList(), "a JVM start, then the cache is written");
        add(warm.withNote(tab.verdict(warm.median())));
        goal(TAB, warmUs.median() / 1000.0, tab.verdict(warmUs.median() / 1000.0) + " (no cache: " + cold.median() + " ms, a JVM)");
        add(cold.withNote(tab.verdict(cold.median())));
        facts.add(new Fact("no-cache TAB ÷ warm-cache TAB", ratio(coldUs, warmUs), "what the cache saves (from µs)"));
    }

    /** The headline: {@code irm diagnose all} on six seeded targets against the manual routine, as a ratio. */
    private void diagnoseAll(Lab lab) throws Exception {
        Map<String, String> parts = ManualRoutine.forLab(lab, System.getProperty("java.class.path"));
        String missing = lab.missing().isEmpty() ? "" : "without " + String.join(", ", lab.missing().keySet()) + " (did not start)";
        AtomicReference<JsonNode> last = new AtomicReference<>();
        List<Timing> ab = Proc.interleaved(runs, List.of(
                new Proc.Variant("manual routine (" + String.join(" + ", parts.keySet()) + ")", Map.of(), Proc.bash(String.join("", parts.values())),
                        join("redis-cli ×7, mariadb ×3, Kafka tools ×3 (one JVM each), docker ps/stats/logs, interleaved with irm; irm must be ≥ 5× faster", missing),
                        Proc.Expect.exit(0)),
                new Proc.Variant("irm diagnose all (" + lab.targets().size() + " targets, seeded faults)", env(lab.env(), labConfig),
                        irm(diagnoseAllArgs(lab)), join(missing, ""), reached(lab.targets(), last))));
        Timing manual = ab.get(0);
        Timing irm = ab.get(1);
        add(manual);
        add(irm.withNote(DIAGNOSE_ALL.verdict(irm.median())));
        facts.add(new Fact("manual routine ÷ irm diagnose all", ratio(manual, irm), Target.atLeast(5, "×").verdict(ratio(manual, irm))));
        goal(ALL_SEEDED, irm.median(), DIAGNOSE_ALL.verdict(irm.median()) + " (in-process durationMs of the last run: "
                + (last.get() == null ? "?" : last.get().path("durationMs").asLong()) + ")");
        goal(RATIO, ratio(manual, irm), Target.atLeast(5, "×").verdict(ratio(manual, irm)) + " (manual " + manual.median() + " ms)");
        JsonNode root = last.get();
        addTargetDurations("seeded faults", root);
        for (Map.Entry<String, String> part : parts.entrySet()) {
            Proc.Result r = Proc.run(Map.of(), Proc.bash(part.getValue()), Proc.RUN_TIMEOUT_SECONDS);
            facts.add(new Fact("manual routine part: " + part.getKey() + " (one run, ms)", r.millis(), r.code() == 0 ? "" : "exit " + r.code()));
        }
    }

    /** kafka-lag samples the lag 3 times 1 s apart (the trend window): this shows diagnose all without it. */
    private void diagnoseAllWithoutTrend(Lab lab) throws Exception {
        Map<String, String> vars = new LinkedHashMap<>(Lab.variables());
        vars.put("samples", "1");
        Timing irm = Proc.time("irm diagnose all, kafka-lag samples=1 (no trend window)", runs, env(lab.env(), config("no-trend", vars)),
                irm(diagnoseAllArgs(lab)), "context variable samples: 1", reached(lab.targets(), null));
        add(irm.withNote(DIAGNOSE_ALL.verdict(irm.median())));
    }

    /**
     * {@code bench/run.sh 1 hold}: keeps the seeded lab up for measuring by hand (JFR, perf, strace) until
     * target/bench-lab.env, which holds the environment irm needs to reach it, is deleted.
     */
    private void hold(Lab lab) throws Exception {
        Path file = project.resolve("target/bench-lab.env");
        String exports = env(lab.env(), labConfig).entrySet().stream()
                .map(e -> "export " + e.getKey() + "='" + e.getValue() + "'").collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, exports);
        System.err.println("bench: lab up; `. " + file + "; bin/irm " + String.join(" ", diagnoseAllArgs(lab)) + "`; rm the file to stop");
        while (Files.exists(file)) {
            Thread.sleep(500);
        }
    }

    private static String[] diagnoseAllArgs(Lab lab) {
        List<String> args = new ArrayList<>(List.of("diagnose"));
        args.addAll(lab.missing().isEmpty() ? List.of("all") : lab.targets());
        args.addAll(List.of("-o", "json"));
        return args.toArray(String[]::new);
    }

    private void peakRss(Lab lab) throws Exception {
        List<Long> kib = new ArrayList<>();
        for (int i = 0; i < Math.max(1, runs); i++) {
            kib.add(Proc.peakRssKib(env(lab.env(), labConfig), irm(diagnoseAllArgs(lab)), reached(lab.targets(), null)));
        }
        kib.sort(Comparator.naturalOrder());
        double medianMib = kib.get(kib.size() / 2) / 1024.0;
        facts.add(new Fact("peak RSS of irm diagnose all, MiB (median of " + kib.size() + ", max " + Math.round(kib.get(kib.size() - 1) / 1024.0) + ")",
                Math.round(medianMib), Target.atMost(150, "MiB").verdict(medianMib)));
        goal(RSS, Math.round(medianMib), Target.atMost(150, "MiB").verdict(medianMib));
        nativeMemory(lab);
    }

    /** Which part of the JVM the RSS is: one more run with native memory tracking, its summary at exit (committed KiB). */
    private void nativeMemory(Lab lab) throws Exception {
        Map<String, String> env = env(lab.env(), labConfig);
        env.put("IRM_JAVA_OPTS", "-XX:NativeMemoryTracking=summary -XX:+UnlockDiagnosticVMOptions -XX:+PrintNMTStatistics");
        String out = Proc.run(env, irm(diagnoseAllArgs(lab)), Proc.RUN_TIMEOUT_SECONDS).out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^-\\s+(\\w[\\w ]*?) \\(reserved=\\d+(?:KB)?, committed=(\\d+)(KB)?").matcher(out);
        List<String> parts = new ArrayList<>();
        while (m.find()) {
            long kib = Long.parseLong(m.group(2)) / (m.group(3) == null ? 1024 : 1); // JDK 17 prints KB, 25 bytes
            if (kib >= 1024) {
                parts.add(m.group(1) + " " + Math.round(kib / 1024.0));
            }
        }
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total: reserved=\\d+(?:KB)?, committed=(\\d+)(KB)?").matcher(out);
        facts.add(new Fact("native memory of irm diagnose all (NMT committed, MiB)",
                total.find() ? Math.round(Long.parseLong(total.group(1)) / (total.group(2) == null ? 1048576.0 : 1024.0)) : "?",
                parts.isEmpty() ? "no NMT summary in the output" : String.join(", ", parts) + " (parts ≥ 1 MiB; RSS adds the mapped archive and jars)"));
    }

    /** Where start-up goes: how many classes one {@code irm diagnose all} loads, and how many come from the AppCDS archive. */
    private void classLoading(Lab lab) throws Exception {
        Path log = work.resolve("class-load.log");
        Map<String, String> env = env(lab.env(), labConfig);
        env.put("IRM_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Proc.run(env, irm(diagnoseAllArgs(lab)), Proc.RUN_TIMEOUT_SECONDS);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains("source:")).toList();
        long shared = lines.stream().filter(l -> l.contains("shared objects file")).count();
        Map<String, Long> byLibrary = lines.stream().filter(l -> !l.contains("shared objects file"))
                .map(BenchMain::library).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        String top = byLibrary.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        facts.add(new Fact("classes loaded by irm diagnose all", lines.size(), shared + " from the start-up archive (AOT cache or AppCDS)"));
        facts.add(new Fact("irm diagnose all timeline from -Xlog uptime (ms)", "Main " + uptimeOf(lines, "dev.irm.Main ")
                + ", first connector " + uptimeOf(lines, "dev.irm.connector.redis.") + ", last class " + uptimeOf(lines, ""),
                "JVM boot until Main; CLI, config and runbook catalog until the first connector class; then the targets"));
        facts.add(new Fact("classes loaded outside the archive", lines.size() - shared, top));
    }

    /** Uptime in ms of the first class-load line containing {@code marker} ("" = the last line), from the [0.123s] decoration. */
    private static long uptimeOf(List<String> lines, String marker) {
        String line = marker.isEmpty() ? lines.get(lines.size() - 1) : lines.stream().filter(l -> l.contains(marker)).findFirst().orElse("[-0.001s]");
        return Math.round(Double.parseDouble(line.substring(1, line.indexOf("s]"))) * 1000);
    }

    /** "source: file:/.../jedis-8.0.2.jar" → "jedis-8.0.2.jar"; "source: jrt:/java.sql" → "jrt:/java.sql". */
    private static String library(String line) {
        String source = line.substring(line.indexOf("source:") + 7).trim();
        int slash = source.lastIndexOf('/');
        return source.startsWith("jrt:") || slash < 0 ? source : source.substring(slash + 1);
    }

    /** 10 topics × 100 partitions, 50 groups each committed on all 1,000 partitions; irm's lag steps timed from its JSON. */
    private void kafkaScale(Lab lab) throws Exception {
        require(lab, "kafka");
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (int t = 0; t < 10; t++) {
            String topic = "bench.scale." + t;
            KafkaSeeds.produce(lab.kafka, topic, 100, 2000);
            for (int p = 0; p < 100; p++) {
                offsets.put(new TopicPartition(topic, p), 5L);
            }
        }
        for (int g = 0; g < 50; g++) {
            KafkaSeeds.commit(lab.kafka, "bench-scale-" + g, offsets);
        }
        Map<String, String> vars = new LinkedHashMap<>(Lab.variables());
        vars.put("group", "bench-scale-0");
        vars.put("samples", "1");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Timing irm = Proc.time("irm diagnose kafka (1,000 partitions, 50 groups on all of them, samples=1)", runs,
                env(Map.of("IRM_KAFKA_BOOTSTRAP", lab.kafka.bootstrapServers()), config("kafka-scale", vars)),
                irm("diagnose", "kafka", "-o", "json"), "whole command; target lag ≤ 1 s: the steps' own times are in the figures",
                reached(List.of("kafka"), last, true));
        add(irm);
        addUnknownChecks("kafka, 1,000 partitions", last.get());
        JsonNode lag = check(last.get(), "kafka.group-lag");
        facts.add(new Fact("kafka.group-lag step, 1,000 partitions (ms)", lag.path("durationMs").asLong(),
                Target.atMost(1000, "ms").verdict(lag.path("durationMs").asLong()) + "; lag " + lag.path("metrics").path("total_lag").asText()
                        + " over " + lag.path("metrics").path("partitions").asText() + " partitions"));
        JsonNode groups = check(last.get(), "kafka.groups");
        facts.add(new Fact("kafka.groups step, 50+ groups × 1,000 partitions (ms)", groups.path("durationMs").asLong(),
                Target.atMost(1000, "ms").verdict(groups.path("durationMs").asLong()) + "; " + groups.path("summary").asText()));
    }

    private void k8sScale(Lab lab) throws Exception {
        require(lab, "k8s");
        int pods = lab.k8s.addAppPods(2000);
        facts.add(new Fact("mock API server at " + pods + " pods, from the bench (ms)", "pods?limit=1 " + httpGetMillis(lab.k8s.url()
                + "api/v1/namespaces/shop/pods?limit=1") + ", the app's pods " + httpGetMillis(lab.k8s.url()
                + "api/v1/namespaces/shop/pods?labelSelector=app%3Dhhplus-app"), "the server's own share of irm's k8s times"));
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Timing irm = Proc.time("irm diagnose k8s (" + pods + " pods of the app, mock API server)", runs, env(Map.of("KUBECONFIG",
                lab.env().get("KUBECONFIG")), labConfig), irm("diagnose", "k8s", "-o", "json"),
                "issue 16: 2,000 pods within 1.5 s", reached(List.of("k8s"), last, true));
        add(irm.withNote(Target.atMost(1500, "ms").verdict(irm.median())));
        goal(PODS, irm.median(), Target.atMost(1500, "ms").verdict(irm.median()));
        addSlowestChecks("k8s, " + pods + " pods", last.get());
        addUnknownChecks("k8s, " + pods + " pods", last.get());
    }

    /** Wall time of one GET, body read to the end, in ms (its size in KiB too). */
    private static String httpGetMillis(String url) throws Exception {
        long started = System.nanoTime();
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(java.time.Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        return (System.nanoTime() - started) / 1_000_000 + " (" + r.body().length / 1024 + " KiB)";
    }

    private void mysqlScale(Lab lab) throws Exception {
        require(lab, "mysql");
        List<Connection> sessions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Connection>> opening = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                opening.add(pool.submit(() -> lab.mysql.connect()));
            }
            for (Future<Connection> f : opening) {
                sessions.add(f.get(60, TimeUnit.SECONDS));
            }
            AtomicReference<JsonNode> last = new AtomicReference<>();
            Timing irm = Proc.time("irm diagnose mysql (500 connections in the processlist, max 600)", runs,
                    env(Map.of("IRM_MYSQL_URL", lab.env().get("IRM_MYSQL_URL")), labConfig), irm("diagnose", "mysql", "-o", "json"),
                    "§3 sets no target of its own; diagnose all's budget is 1.0 s", reached(List.of("mysql"), last, true));
            add(irm.withNote(DIAGNOSE_ALL.verdict(irm.median())));
            addSlowestChecks("mysql, 500 connections", last.get());
            addUnknownChecks("mysql, 500 connections", last.get());
        } finally {
            pool.shutdownNow();
            for (Connection c : sessions) {
                c.close();
            }
        }
    }

    /** SCAN throughput: irm's pattern count over 1,000,000 keys vs redis-cli --scan, and irm never in SLOWLOG above 10 ms. */
    private void redisScan() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru")) {
            try (Jedis jedis = redis.client()) {
                jedis.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "POPULATE", "1000000", "cache:big");
                jedis.configSet("slowlog-log-slower-than", "10000");
                jedis.sendCommand(() -> "SLOWLOG".getBytes(StandardCharsets.US_ASCII), "RESET");
            }
            String cli = "redis-cli -h 127.0.0.1 -p " + redis.port();
            Timing manual = Proc.time("redis-cli --scan --pattern 'cache:*' | wc -l (1,000,000 keys)", runs, Map.of(),
                    Proc.bash("set -o pipefail; " + cli + " --scan --pattern 'cache:*' | wc -l"), "redis-cli 7.0 sends no COUNT (server default 10); the SCAN baseline",
                    Proc.Expect.exit(0));
            AtomicReference<JsonNode> last = new AtomicReference<>();
            Timing irm = Proc.time("irm run redis-oom --dry-run (SCAN count of cache:*, 1,000,000 keys)", runs,
                    env(Map.of("IRM_REDIS_URL", redis.url()), labConfig), irm("run", "redis-oom", "--dry-run", "-o", "json"),
                    "whole dry run: JVM, every read step, the count; target SCAN ≥ 0.8× redis-cli: see the figures", capture(last, Proc.Expect.exit(0, 1, 2)));
            add(manual);
            add(irm);
            long countMs = scanStepMillis(last.get());
            double throughput = countMs <= 0 ? -1 : Math.round(manual.median() * 100.0 / countMs) / 100.0;
            facts.add(new Fact("SCAN throughput, irm's count step ÷ redis-cli --scan (redis-cli ms " + manual.median() + ", irm step ms " + countMs + ")",
                    throughput, Target.atLeast(0.8, "×").verdict(throughput)));
            List<String> slow = slowlogEntriesOfIrm(redis);
            facts.add(new Fact("irm's Redis commands in SLOWLOG above 10 ms", slow.size(), "target 0" + (slow.isEmpty() ? "" : ": " + String.join(", ", slow))));
        }
    }

    /** The duration of the redis.scan-count step in a dry run's JSON, or -1. */
    private static long scanStepMillis(JsonNode run) {
        for (JsonNode node : (Iterable<JsonNode>) () -> run.findParents("action").iterator()) {
            if (node.path("action").asText().equals("redis.scan-count") && node.has("durationMs")) {
                return node.path("durationMs").asLong();
            }
        }
        for (JsonNode node : (Iterable<JsonNode>) () -> run.findParents("id").iterator()) {
            if (node.path("id").asText().contains("cache") && node.has("durationMs") && node.path("metrics").has("count")) {
                return node.path("durationMs").asLong();
            }
        }
        return -1;
    }

    /** SLOWLOG entries of client name {@code irm}, each as "COMMAND ARG1 (N µs)". */
    private static List<String> slowlogEntriesOfIrm(RedisServer redis) {
        try (Jedis jedis = redis.client()) {
            Object slow = jedis.sendCommand(() -> "SLOWLOG".getBytes(StandardCharsets.US_ASCII), "GET", "128");
            List<String> irmEntries = new ArrayList<>();
            for (Object entry : (List<?>) slow) {
                List<?> e = (List<?>) entry;
                Object name = e.size() > 5 ? e.get(5) : null;
                if (name instanceof byte[] b && new String(b, StandardCharsets.UTF_8).equals("irm")) {
                    List<?> argv = (List<?>) e.get(3);
                    String command = argv.stream().limit(2).map(a -> new String((byte[]) a, StandardCharsets.UTF_8)).collect(Collectors.joining(" "));
                    irmEntries.add(command + " (" + e.get(2) + " µs)");
                }
            }
            return irmEntries;
        }
    }

    /** Every target refused, then every target black-holed: {@code irm diagnose all} must stay bounded. */
    private void deadTargets() throws Exception {
        Target bound = Target.atMost(2500, "ms");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Timing refused = Proc.time("irm diagnose all, every target refused", runs, env(deadEnv(() -> "127.0.0.1:" + FreePorts.next()), labConfig),
                irm("diagnose", "all", "-o", "json"), "6 × TARGET.reachable CRITICAL", capture(last, allDown()));
        add(refused.withNote(bound.verdict(refused.median())));
        addTargetDurations("every target refused", last.get());
        List<FreePorts.BlackHole> holes = new ArrayList<>();
        try {
            Timing silent = Proc.time("irm diagnose all, every target black-holed", runs, env(deadEnv(() -> {
                FreePorts.BlackHole hole = FreePorts.blackHolePort();
                holes.add(hole);
                return hole.address();
            }), labConfig), irm("diagnose", "all", "-o", "json"), "accepts, never answers", capture(last, allDown()));
            add(silent.withNote(bound.verdict(silent.median())));
            goal(BLACK_HOLED, silent.median(), bound.verdict(silent.median()) + " (in-process durationMs of the last run: "
                    + last.get().path("durationMs").asLong() + ")");
            addTargetDurations("every target black-holed", last.get());

            Map<String, String> redisOnly = Map.of("IRM_REDIS_URL", "redis://127.0.0.1:" + FreePorts.next());
            add(Proc.time("irm diagnose redis, refused port", runs, env(redisOnly, labConfig), irm("diagnose", "redis"),
                    "→ CRITICAL; target ≤ 2.5 s (everything dead)", Proc.Expect.exit(2)));
            add(Proc.time("irm diagnose redis, black-holed port", runs, env(Map.of("IRM_REDIS_URL", "redis://" + holes.get(0).address()),
                    labConfig), irm("diagnose", "redis"), "→ CRITICAL, about the 1 s timeout; target ≤ 2.5 s (everything dead)",
                    Proc.Expect.exit(2)));
        } finally {
            holes.forEach(FreePorts.BlackHole::close);
        }
    }

    interface Address {
        String next() throws Exception;
    }

    /** Connection settings of all six targets, each at its own dead {@code host:port}. */
    private Map<String, String> deadEnv(Address dead) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IRM_REDIS_URL", "redis://" + dead.next());
        env.put("IRM_MYSQL_URL", "jdbc:mysql://" + dead.next() + "/");
        env.put("IRM_KAFKA_BOOTSTRAP", dead.next());
        Path kubeconfig = Files.createTempFile(work, "dead-kubeconfig", ".yaml");
        Files.writeString(kubeconfig, K8sMockCluster.kubeconfigFor("http://" + dead.next()));
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("DOCKER_HOST", "tcp://" + dead.next());
        env.put("IRM_APP_URL", "http://" + dead.next());
        env.put("IRM_PROMETHEUS_URL", "http://" + dead.next());
        return env;
    }

    /** A diagnose run (-o json) that reached every given target: exit 0–2, each TARGET.reachable OK. */
    private static Proc.Expect reached(List<String> targets, AtomicReference<JsonNode> last) {
        return reached(targets, last, false);
    }

    /** As above; at scale a check that could not finish (exit 3, UNKNOWN) is a result too: see {@link #addUnknownChecks}. */
    private static Proc.Expect reached(List<String> targets, AtomicReference<JsonNode> last, boolean unknownAllowed) {
        return capture(last, r -> {
            if (unknownAllowed) {
                Proc.Expect.exit(0, 1, 2, 3).check(r);
            } else {
                Proc.Expect.exit(0, 1, 2).check(r);
            }
            JsonNode root = parse(r);
            List<String> seen = new ArrayList<>();
            for (JsonNode target : root.path("targets")) {
                seen.add(target.path("target").asText());
                for (JsonNode c : target.path("checks")) {
                    if (c.path("id").asText().endsWith(".reachable") && !c.path("status").asText().equals("OK")) {
                        throw new IllegalStateException(c.path("summary").asText());
                    }
                }
            }
            if (!seen.containsAll(targets)) {
                throw new IllegalStateException("targets " + seen + ", expected " + targets);
            }
        });
    }

    /** Every target of diagnose all unreachable: exit 2 and six CRITICAL TARGET.reachable checks. */
    private static Proc.Expect allDown() {
        return r -> {
            Proc.Expect.exit(2).check(r);
            long down = iterate(parse(r).path("targets")).stream().filter(t -> {
                JsonNode first = t.path("checks").path(0);
                return first.path("id").asText().endsWith(".reachable") && first.path("status").asText().equals("CRITICAL");
            }).count();
            if (down != Lab.TARGETS.size()) {
                throw new IllegalStateException(down + " of " + Lab.TARGETS.size() + " targets reported unreachable: " + r.tail());
            }
        };
    }

    private static Proc.Expect capture(AtomicReference<JsonNode> last, Proc.Expect expect) {
        return r -> {
            expect.check(r);
            if (last != null) {
                last.set(parse(r));
            }
        };
    }

    private static JsonNode parse(Proc.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.tail());
        }
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode check(JsonNode diagnose, String id) {
        for (JsonNode target : diagnose.path("targets")) {
            for (JsonNode c : target.path("checks")) {
                if (c.path("id").asText().equals(id)) {
                    return c;
                }
            }
        }
        throw new IllegalStateException("no check " + id + " in the output");
    }

    private static JsonNode slowest(JsonNode checks) {
        return iterate(checks).stream().max(Comparator.comparingLong(c -> c.path("durationMs").asLong())).orElse(JSON.createObjectNode());
    }

    /** One line of figures: each target's own durationMs in one {@code diagnose all} run, and its slowest check. */
    private void addTargetDurations(String what, JsonNode diagnose) {
        String each = iterate(diagnose.path("targets")).stream().map(t -> {
            JsonNode slowest = slowest(t.path("checks"));
            return t.path("target").asText() + " " + t.path("durationMs").asLong() + " ms (" + slowest.path("id").asText() + " "
                    + slowest.path("durationMs").asLong() + ")";
        }).collect(Collectors.joining(", "));
        facts.add(new Fact("irm diagnose all, " + what + ": in-process durationMs (last run)", diagnose.path("durationMs").asLong(),
                "wall time minus this = JVM start, class loading, config, output. Per target (slowest check): " + each));
    }

    /** The checks that came out UNKNOWN (timeouts at scale), with the first one's reason. */
    private void addUnknownChecks(String what, JsonNode diagnose) {
        List<JsonNode> unknown = iterate(diagnose.path("targets").path(0).path("checks")).stream()
                .filter(c -> c.path("status").asText().equals("UNKNOWN")).toList();
        if (!unknown.isEmpty()) {
            facts.add(new Fact("irm diagnose " + what + ": UNKNOWN checks (last run)", unknown.size(), unknown.stream()
                    .map(c -> c.path("id").asText()).collect(Collectors.joining(", ")) + " — " + unknown.get(0).path("summary").asText()));
        }
    }

    /** The three slowest checks of a target, as one fact. */
    private void addSlowestChecks(String what, JsonNode diagnose) {
        JsonNode target = diagnose.path("targets").path(0);
        String top = iterate(target.path("checks")).stream().sorted(Comparator.comparingLong((JsonNode c) -> c.path("durationMs").asLong()).reversed())
                .limit(3).map(c -> c.path("id").asText() + " " + c.path("durationMs").asLong() + " ms").collect(Collectors.joining(", "));
        facts.add(new Fact("irm diagnose " + what + ": target durationMs (last run)", target.path("durationMs").asLong(), "slowest checks: " + top));
    }

    private static void require(Lab lab, String target) {
        if (!lab.targets().contains(target)) {
            throw new IllegalStateException(target + " did not start: " + lab.missing().get(target));
        }
    }

    private static double ratio(Timing slow, Timing fast) {
        return fast.median() <= 0 ? -1 : Math.round(slow.median() * 100.0 / fast.median()) / 100.0;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private void write() throws Exception {
        Path out = project.resolve("bench/results");
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder();
        md.append("# irm benchmark\n\n").append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, load average ").append(loadAtStart).append(" at the start, ").append(Proc.load()).append(" at the end; ")
                .append(runs).append(" timed runs each after one warm-up. bin/irm ran on ").append(launcher.isEmpty() ? "?" : launcher)
                .append(" (the bench itself on Java ").append(System.getProperty("java.version"))
                .append("). Wall times in ms; goals from issue 16 (and issue 7 §3). How: [bench/README.md](../README.md).\n\n")
                .append("Issue 16's table (goal, verdict and the load average when measured; why, where missed):\n\n"
                        + "| figure | value | goal | why it misses, what would close it |\n| --- | --- | --- | --- |\n");
        goals.forEach((figure, v) -> md.append("| ").append(Markdown.cell(figure)).append(" | ").append(Markdown.cell(v[0])).append(" | ")
                .append(Markdown.cell(v[1])).append(" | ").append(Markdown.cell(whyMissed(figure, v[1]))).append(" |\n"));
        md.append("\nEvery row:\n\n| what | median | min | max | runs | note |\n| --- | --- | --- | --- | --- | --- |\n");
        timings.forEach(t -> md.append(t.row()).append('\n'));
        md.append("\n| figure | value | note |\n| --- | --- | --- |\n");
        facts.forEach(f -> md.append(f.row()).append('\n'));
        String base = only.isEmpty() ? "latest" : "partial"; // a run of some sections never replaces the full result
        Files.writeString(out.resolve(base + ".md"), md.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", Instant.now().toString());
        json.put("runs", runs);
        json.put("sections", only.isEmpty() ? "all" : String.join(",", only));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("irmLauncher", launcher);
        json.put("loadAverage", Map.of("start", loadAtStart, "end", Proc.load()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Timing t : timings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("medianMs", t.median());
            row.put("minMs", t.min());
            row.put("maxMs", t.max());
            row.put("samplesMs", t.millis());
            row.put("note", t.note());
            if (t.error() != null) {
                row.put("error", t.error());
            }
            rows.add(row);
        }
        json.put("timings", rows);
        Map<String, Object> issue16 = new LinkedHashMap<>();
        goals.forEach((figure, v) -> issue16.put(figure, Map.of("value", v[0], "goal", v[1], "whyMissed", whyMissed(figure, v[1]))));
        json.put("issue16", issue16);
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Fact f : facts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", f.name());
            row.put("value", f.value());
            row.put("note", f.note());
            figures.add(row);
        }
        json.put("figures", figures);
        Files.writeString(out.resolve(base + ".json"), dev.irm.support.Json.pretty(json) + "\n");
        System.out.println(md);
        System.out.println(String.format(Locale.ROOT, "written: %s", out.resolve(base + ".md")));
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir
        }
    }
}
