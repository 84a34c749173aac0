package dev.irm.lab;

import dev.irm.config.ConfigStore;
import dev.irm.support.ExitCode;
import dev.irm.support.IrmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The manuals' system on loopback: {@link #up} starts each part in its own folder under the lab's state
 * folder and records it ({@link LabState}) after each start, so {@link #down} can stop by pid whatever
 * was started, even after a failed start; {@link #status} asks each part.
 */
public final class Lab {
    public static final String REDIS = "redis";
    public static final String MARIADB = "mariadb";
    public static final String KAFKA = "kafka";
    public static final String ALERTMANAGER = "alertmanager";
    public static final String PROMETHEUS = "prometheus";
    public static final String APP = "app";
    static final Duration APP_START = Duration.ofSeconds(120);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dir;
    private final ConfigStore store;
    private final Consumer<String> progress;

    public Lab(Path dir, ConfigStore store, Consumer<String> progress) {
        this.dir = dir;
        this.store = store;
        this.progress = progress;
    }

    public Path dir() {
        return dir;
    }

    /** What up did: the lab's state, and whether it was already up (then nothing was started). */
    public record UpResult(LabState state, boolean alreadyUp) {
    }

    public UpResult up(boolean withKafka) {
        Optional<LabState> existing = LabState.read(dir);
        if (existing.isPresent()) {
            if (status().stream().allMatch(LabPartStatus::up)) {
                LabContext.write(store, existing.get().endpoints());
                return new UpResult(existing.get(), true);
            }
            progress.accept("the lab is partly down: stopping what is left and starting it again (data kept)");
            down(true);
        }
        Starter starter = new Starter(withKafka);
        try {
            LabState state = starter.start();
            LabContext.write(store, state.endpoints());
            return new UpResult(state, false);
        } catch (RuntimeException | IOException e) {
            stopAll(starter.parts);
            LabState.delete(dir);
            if (e instanceof IrmException irm) {
                throw irm;
            }
            throw new IrmException(ExitCode.INTERNAL, "lab up failed, everything it started is stopped again: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public Optional<LabState> state() {
        return LabState.read(dir);
    }

    /** Each recorded part: its process alive and its health probe answering. Empty when the lab is not up. */
    public List<LabPartStatus> status() {
        Optional<LabState> state = LabState.read(dir);
        if (state.isEmpty()) {
            return List.of();
        }
        List<LabPartStatus> out = new ArrayList<>();
        for (LabPart p : state.get().parts()) {
            boolean alive = LabProcess.find(p.pid(), p.startedAt()).isPresent();
            String health = alive ? health(p) : "process gone";
            out.add(new LabPartStatus(p.name(), alive && health.equals("ok"), p.port(), p.pid(), p.endpoint(), health));
        }
        return out;
    }

    private static String health(LabPart p) {
        try {
            boolean ok = switch (p.name()) {
                case REDIS -> Probes.redisPing(p.port());
                case MARIADB -> Probes.mysqlAnswers(p.port());
                case APP -> Probes.httpOk(p.port(), "/actuator/health");
                case PROMETHEUS, ALERTMANAGER -> Probes.httpOk(p.port(), "/-/ready");
                default -> Probes.listening(p.port());
            };
            return ok ? "ok" : "not healthy";
        } catch (Exception e) {
            return "not answering";
        }
    }

    /** What down did: whether a lab was up, and what would not go (a process or a port still open). */
    public record DownResult(boolean wasUp, List<String> leftovers) {
    }

    public DownResult down(boolean keepData) {
        Optional<LabState> state = LabState.read(dir);
        List<String> leftovers = state.map(s -> stopAll(s.parts())).orElse(List.of());
        LabContext.remove(store);
        LabState.delete(dir);
        if (!keepData) {
            deleteRecursively(dir);
        }
        return new DownResult(state.isPresent(), leftovers);
    }

    /** Stops the parts (SIGTERM to all at once, SIGKILL to any still there after the grace); what is still running or listening. */
    private static List<String> stopAll(List<LabPart> parts) {
        List<String> leftovers = new ArrayList<>();
        Map<LabPart, ProcessHandle> running = new java.util.LinkedHashMap<>();
        parts.forEach(p -> LabProcess.find(p.pid(), p.startedAt()).ifPresent(h -> running.put(p, h)));
        if (!LabProcess.stopAll(List.copyOf(running.values()), STOP_GRACE)) {
            running.forEach((p, h) -> {
                if (h.isAlive()) {
                    leftovers.add(p.name() + " (pid " + p.pid() + ") still running");
                }
            });
        }
        for (LabPart p : parts) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Probes.listening(p.port()) && System.nanoTime() < deadline) {
                LabProcess.sleep(100);
            }
            if (Probes.listening(p.port())) {
                leftovers.add(p.name() + ": port " + p.port() + " still open");
            }
        }
        return leftovers;
    }

    /** Starts the parts in order, recording each in the state file as soon as it runs. */
    private final class Starter {
        private final boolean withKafka;
        private final List<LabPart> parts = new ArrayList<>();
        private final String redisBin = RedisPart.binary();
        private final String mariadbd = MariaDbPart.binary();
        private final String installDb = MariaDbPart.installDbBinary();
        private final String prometheusBin = PrometheusPart.binary();
        private final String alertmanagerBin = AlertmanagerPart.binary();
        private final Path appJar = LabHome.appJar();
        private final Path rules = LabHome.alertRules();
        private final String kafkaClassPath;
        private final String token = HexFormat.of().formatHex(random());

        Starter(boolean withKafka) {
            this.withKafka = withKafka;
            this.kafkaClassPath = withKafka ? LabHome.kafkaClassPath() : null;
            if (withKafka && kafkaClassPath == null) {
                throw LabHome.missing("the Kafka broker's jars (target/lib/kafka, made by mvn package)"
                        + " — or start without it: irm lab up --without kafka");
            }
        }

        private static byte[] random() {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            return b;
        }

        LabState start() throws IOException {
            Files.createDirectories(dir);
            int redisPort = Probes.freePort();
            started(REDIS, redisPort, "redis://" + Probes.HOST + ":" + redisPort, part(REDIS, "redis.log", (d, log) ->
                    LabProcess.start(REDIS, RedisPart.command(redisBin, redisPort, d, RedisPart.LAB_ARGS), d, log, Map.of(), true)),
                    () -> Probes.redisPing(redisPort), LabProcess.START_TIMEOUT);

            int dbPort = Probes.freePort();
            Path dbDir = Files.createDirectories(dir.resolve(MARIADB));
            Path tmp = Files.createDirectories(dbDir.resolve("tmp"));
            if (!Files.isDirectory(dbDir.resolve("data/mysql"))) {
                runToEnd(MariaDbPart.installCommand(installDb, dbDir, tmp), dbDir, dbDir.resolve("install.log"));
            }
            started(MARIADB, dbPort, "jdbc:mysql://" + Probes.HOST + ":" + dbPort + "/", part(MARIADB, "mariadbd.out", (d, log) ->
                    LabProcess.start(MARIADB, MariaDbPart.command(mariadbd, d, tmp, dbPort, List.of()), d, log, Map.of(), true)),
                    () -> Probes.mysqlAnswers(dbPort), LabProcess.START_TIMEOUT);
            sql(dbPort, "CREATE DATABASE IF NOT EXISTS " + AppPart.DATABASE);

            String kafkaBootstrap = null;
            LabProcess kafka = null;
            int kafkaPort = 0;
            if (withKafka) {
                kafkaPort = Probes.freePort();
                int controllerPort = Probes.freePort();
                Path kd = Files.createDirectories(dir.resolve(KAFKA));
                Path props = kd.resolve("server.properties");
                Files.writeString(props, KafkaPart.serverProperties(kafkaPort, controllerPort, kd.resolve("data")));
                if (!Files.exists(kd.resolve("data/meta.properties"))) {
                    runToEnd(KafkaPart.format(kafkaClassPath, org.apache.kafka.common.Uuid.randomUuid().toString(), props), kd,
                            kd.resolve("format.log"));
                }
                kafkaBootstrap = Probes.HOST + ":" + kafkaPort;
                kafka = LabProcess.start(KAFKA, KafkaPart.server(kafkaClassPath, props), kd, kd.resolve("kafka.log"), Map.of(), true);
                record(KAFKA, kafkaPort, kafkaBootstrap, kafka, kd.resolve("kafka.log"));
            }

            int amPort = Probes.freePort();
            String amUrl = "http://" + Probes.HOST + ":" + amPort;
            started(ALERTMANAGER, amPort, amUrl, part(ALERTMANAGER, "alertmanager.log", (d, log) -> {
                Files.writeString(d.resolve("alertmanager.yml"), AlertmanagerPart.LAB_CONFIG);
                return LabProcess.start(ALERTMANAGER, AlertmanagerPart.command(alertmanagerBin, d.resolve("alertmanager.yml"),
                        d.resolve("data"), amPort), d, log, Map.of(), true);
            }), () -> Probes.httpOk(amPort, "/-/ready"), LabProcess.START_TIMEOUT);

            int appPort = Probes.freePort();
            int promPort = Probes.freePort();
            String promUrl = "http://" + Probes.HOST + ":" + promPort;
            started(PROMETHEUS, promPort, promUrl, part(PROMETHEUS, "prometheus.log", (d, log) -> {
                Path copy = d.resolve("rules.yml");
                Files.copy(rules, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(d.resolve("prometheus.yml"), new PrometheusPart.Config()
                        .scrape(AppPart.JOB, Probes.HOST + ":" + appPort, "/actuator/prometheus")
                        .ruleFile(copy).alertmanager(amUrl).text());
                return LabProcess.start(PROMETHEUS, PrometheusPart.command(prometheusBin, d.resolve("prometheus.yml"), d.resolve("data"),
                        promPort, "6h"), d, log, Map.of(), true);
            }), () -> Probes.httpOk(promPort, "/-/ready"), LabProcess.START_TIMEOUT);

            Path appDir = Files.createDirectories(dir.resolve(APP));
            Path appLog = appDir.resolve("application.log");
            progress.accept(String.format("%-13s starting on %s:%d (a Spring Boot app: about 10 s) ...", APP, Probes.HOST, appPort));
            started(APP, appPort, "http://" + Probes.HOST + ":" + appPort, part(APP, "stdout.log", (d, log) -> {
                List<String> cmd = new ArrayList<>(List.of(LabHome.java()));
                cmd.addAll(AppPart.jvmOptions());
                cmd.addAll(List.of("-jar", appJar.toString()));
                cmd.addAll(AppPart.args(appPort, Probes.HOST, dbPort, Probes.HOST, redisPort, appLog.toString()));
                return LabProcess.start(APP, cmd, d, log, Map.of("ADMIN_TOKEN", token), true);
            }), () -> Probes.httpOk(appPort, "/actuator/health"), APP_START);
            seedWhenEmpty(dbPort);

            if (kafka != null) {
                awaitReady(KAFKA, kafka, kafkaPort, KafkaPart.answers(kafkaBootstrap), Duration.ofSeconds(60));
            }
            awaitScraped(promPort);
            LabEndpoints endpoints = new LabEndpoints("redis://" + Probes.HOST + ":" + redisPort,
                    "jdbc:mysql://" + Probes.HOST + ":" + dbPort + "/", MariaDbPart.ROOT, kafkaBootstrap,
                    "http://" + Probes.HOST + ":" + appPort, token, appLog, promUrl, amUrl, null, null,
                    parts.stream().filter(p -> p.name().equals(APP)).findFirst().orElseThrow().pid(), dir);
            LabState state = new LabState(endpoints, List.copyOf(parts), "process");
            state.write(dir);
            return state;
        }

        private interface Launch {
            LabProcess launch(Path dir, Path log) throws IOException;
        }

        private record Launched(LabProcess process, Path log, long startNanos) {
        }

        private Launched part(String name, String logName, Launch launch) throws IOException {
            Path d = Files.createDirectories(dir.resolve(name));
            Path log = d.resolve(logName);
            return new Launched(launch.launch(d, log), log, System.nanoTime());
        }

        private void started(String name, int port, String endpoint, Launched l, LabProcess.Probe probe, Duration timeout) {
            record(name, port, endpoint, l.process(), l.log());
            awaitReady(name, l.process(), port, probe, timeout);
        }

        private void record(String name, int port, String endpoint, LabProcess process, Path log) {
            parts.add(new LabPart(name, port, process.pid(), process.startedAt(), endpoint, log));
            new LabState(null, List.copyOf(parts), "process").write(dir);
        }

        private void awaitReady(String name, LabProcess process, int port, LabProcess.Probe probe, Duration timeout) {
            long t0 = System.nanoTime();
            process.awaitReady(timeout, probe);
            progress.accept(String.format("%-13s up on %s:%d, pid %d (%.1f s)", name, Probes.HOST, port, process.pid(),
                    (System.nanoTime() - t0) / 1e9));
        }

        /** Waits (bounded) until Prometheus has the app's metrics, so the first diagnose has them. */
        private void awaitScraped(int promPort) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    if (PrometheusPart.hasSeries(promPort, "up{job=\"" + AppPart.JOB + "\"} == 1")) {
                        return;
                    }
                } catch (Exception e) {
                    // not yet
                }
                LabProcess.sleep(250);
            }
            progress.accept("prometheus    has not scraped the app yet (its first checks may say so)");
        }
    }

    private static void runToEnd(List<String> command, Path dir, Path log) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 120 s (log: " + log + ")");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(2, command.size()))) + " failed (exit "
                    + p.exitValue() + "): " + LabProcess.tail(log, 5).strip());
        }
    }

    private static void sql(int port, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + Probes.HOST + ":" + port
                + "/?connectTimeout=2000&socketTimeout=10000", MariaDbPart.ROOT, ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("MariaDB: " + e.getMessage(), e);
        }
    }

    /** The manuals' seed rows, once: the app has created its tables (schema.sql) by the time it is healthy. */
    private static void seedWhenEmpty(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + Probes.HOST + ":" + port + "/" + AppPart.DATABASE
                + "?connectTimeout=2000&socketTimeout=10000", MariaDbPart.ROOT, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM point")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("MariaDB: " + e.getMessage(), e);
        }
        sql(port, LabSeed.statements().stream().map(st -> st.replace("hhplus.", AppPart.DATABASE + ".")).toArray(String[]::new));
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: what is left stays in the lab's folder
        }
    }

    static String resource(String name) {
        try (InputStream in = Lab.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
