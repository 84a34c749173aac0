package dev.irm.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Starts the lab's parts in order, recording each in the state file as soon as it runs (so down can stop them). */
final class LabStarter {
    private final Path dir;
    private final Map<String, String> env;
    private final Consumer<String> progress;
    private final boolean withKafka;
    private final boolean withDocker;
    final List<LabPart> parts = new ArrayList<>();
    private final String redisBin = RedisPart.binary();
    private final String mariadbd = MariaDbPart.binary();
    private final String installDb = MariaDbPart.installDbBinary();
    private final String prometheusBin = PrometheusPart.binary();
    private final String alertmanagerBin = AlertmanagerPart.binary();
    private final Path appJar = LabHome.appJar();
    private final Path rules = LabHome.alertRules();
    private final String kafkaClassPath;
    private final String token = HexFormat.of().formatHex(random());

    LabStarter(Path dir, Map<String, String> env, Consumer<String> progress, boolean withKafka, boolean withDocker) {
        this.dir = dir;
        this.env = env;
        this.progress = progress;
        this.withKafka = withKafka;
        this.withDocker = withDocker;
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
        started(Lab.REDIS, redisPort, "redis://" + Probes.HOST + ":" + redisPort, part(Lab.REDIS, "redis.log", (d, log) ->
                LabProcess.start(Lab.REDIS, RedisPart.command(redisBin, redisPort, d, RedisPart.LAB_ARGS), d, log, Map.of(), true)),
                () -> Probes.redisPing(redisPort), LabProcess.START_TIMEOUT);

        int dbPort = Probes.freePort();
        Path dbDir = Files.createDirectories(dir.resolve(Lab.MARIADB));
        Path tmp = Files.createDirectories(dbDir.resolve("tmp"));
        if (!Files.isDirectory(dbDir.resolve("data/mysql"))) {
            runToEnd(MariaDbPart.installCommand(installDb, dbDir, tmp), dbDir, dbDir.resolve("install.log"));
        }
        started(Lab.MARIADB, dbPort, "jdbc:mysql://" + Probes.HOST + ":" + dbPort + "/", part(Lab.MARIADB, "mariadbd.out", (d, log) ->
                LabProcess.start(Lab.MARIADB, MariaDbPart.command(mariadbd, d, tmp, dbPort, List.of()), d, log, Map.of(), true)),
                () -> Probes.mysqlAnswers(dbPort), LabProcess.START_TIMEOUT);
        sql(dbPort, "CREATE DATABASE IF NOT EXISTS " + AppPart.DATABASE);

        String kafkaBootstrap = null;
        LabProcess kafka = null;
        int kafkaPort = 0;
        if (withKafka) {
            kafkaPort = Probes.freePort();
            int controllerPort = Probes.freePort();
            Path kd = Files.createDirectories(dir.resolve(Lab.KAFKA));
            Path props = kd.resolve("server.properties");
            Files.writeString(props, KafkaPart.serverProperties(kafkaPort, controllerPort, kd.resolve("data")));
            if (!Files.exists(kd.resolve("data/meta.properties"))) {
                runToEnd(KafkaPart.format(kafkaClassPath, org.apache.kafka.common.Uuid.randomUuid().toString(), props), kd,
                        kd.resolve("format.log"));
            }
            kafkaBootstrap = Probes.HOST + ":" + kafkaPort;
            kafka = LabProcess.start(Lab.KAFKA, KafkaPart.server(kafkaClassPath, props), kd, kd.resolve("kafka.log"), Map.of(), true);
            record(Lab.KAFKA, kafkaPort, kafkaBootstrap, kafka, kd.resolve("kafka.log"));
        }

        int amPort = Probes.freePort();
        String amUrl = "http://" + Probes.HOST + ":" + amPort;
        started(Lab.ALERTMANAGER, amPort, amUrl, part(Lab.ALERTMANAGER, "alertmanager.log", (d, log) -> {
            Files.writeString(d.resolve("alertmanager.yml"), AlertmanagerPart.LAB_CONFIG);
            return LabProcess.start(Lab.ALERTMANAGER, AlertmanagerPart.command(alertmanagerBin, d.resolve("alertmanager.yml"),
                    d.resolve("data"), amPort), d, log, Map.of(), true);
        }), () -> Probes.httpOk(amPort, "/-/ready"), LabProcess.START_TIMEOUT);

        int appPort = Probes.freePort();
        int promPort = Probes.freePort();
        String promUrl = "http://" + Probes.HOST + ":" + promPort;
        started(Lab.PROMETHEUS, promPort, promUrl, part(Lab.PROMETHEUS, "prometheus.log", (d, log) -> {
            Path copy = d.resolve("rules.yml");
            Files.copy(rules, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(d.resolve("prometheus.yml"), new PrometheusPart.Config()
                    .scrape(AppPart.JOB, Probes.HOST + ":" + appPort, "/actuator/prometheus")
                    .ruleFile(copy).alertmanager(amUrl).text());
            return LabProcess.start(Lab.PROMETHEUS, PrometheusPart.command(prometheusBin, d.resolve("prometheus.yml"), d.resolve("data"),
                    promPort, "6h"), d, log, Map.of(), true);
        }), () -> Probes.httpOk(promPort, "/-/ready"), LabProcess.START_TIMEOUT);

        String dockerHost = null;
        String why = withDocker ? DockerPart.unavailable() : "left out (--without docker)";
        Path script = LabHome.root().resolve("deploy/image/java-image.sh");
        if (why == null && !Files.isRegularFile(script)) {
            why = "no " + script + " to pack the app's image";
        }
        if (why == null) {
            try {
                dockerHost = startInContainer(script, appPort, dbPort, redisPort);
            } catch (RuntimeException | IOException e) {
                why = "the app's container did not start: " + e.getMessage().lines().findFirst().orElse("");
                Lab.stopAll(parts.stream().filter(p -> p.name().equals(Lab.DOCKER) || p.name().equals(Lab.APP)).toList());
                DockerPart.cleanUp(dir.resolve(Lab.DOCKER));
                parts.removeIf(p -> p.name().equals(Lab.DOCKER) || p.name().equals(Lab.APP));
            }
        }
        Path appLog = null;
        if (dockerHost == null) {
            progress.accept(String.format("%-13s %s: the app runs as a process", Lab.DOCKER, why));
            appLog = startAsProcess(appPort, dbPort, redisPort);
        }
        seedWhenEmpty(dbPort);

        if (kafka != null) {
            awaitReady(Lab.KAFKA, kafka, kafkaBootstrap, KafkaPart.answers(kafkaBootstrap), Duration.ofSeconds(60));
        }
        awaitScraped(promPort);
        LabEndpoints endpoints = new LabEndpoints("redis://" + Probes.HOST + ":" + redisPort,
                "jdbc:mysql://" + Probes.HOST + ":" + dbPort + "/", MariaDbPart.ROOT, kafkaBootstrap,
                "http://" + Probes.HOST + ":" + appPort, token, appLog, promUrl, amUrl, dockerHost,
                dockerHost == null ? null : Lab.APP_CONTAINER,
                dockerHost == null ? parts.stream().filter(p -> p.name().equals(Lab.APP)).findFirst().orElseThrow().pid() : null, dir);
        LabState state = new LabState(endpoints, List.copyOf(parts), dockerHost == null ? "process" : "docker");
        state.write(dir);
        return state;
    }

    private Path startAsProcess(int appPort, int dbPort, int redisPort) throws IOException {
        Path appLog = dir.resolve(Lab.APP).resolve("application.log");
        progress.accept(String.format("%-13s starting on %s:%d (a Spring Boot app: about 10 s) ...", Lab.APP, Probes.HOST, appPort));
        started(Lab.APP, appPort, "http://" + Probes.HOST + ":" + appPort, part(Lab.APP, "stdout.log", (d, log) -> {
            List<String> cmd = new ArrayList<>(List.of(LabHome.java()));
            cmd.addAll(AppPart.jvmOptions());
            cmd.addAll(List.of("-jar", appJar.toString()));
            cmd.addAll(AppPart.args(appPort, Probes.HOST, dbPort, Probes.HOST, redisPort, appLog.toString()));
            return LabProcess.start(Lab.APP, cmd, d, log, Map.of("ADMIN_TOKEN", token), true);
        }), () -> Probes.httpOk(appPort, "/actuator/health"), Lab.APP_START);
        return appLog;
    }

    /** A private engine, the app's image loaded into it, the app as its container; the engine's DOCKER_HOST. */
    private String startInContainer(Path script, int appPort, int dbPort, int redisPort) throws IOException {
        String cli = DockerPart.cli();
        Path dd = Files.createDirectories(dir.resolve(Lab.DOCKER));
        String host = DockerPart.host(dd);
        String namespace = "irm-lab-" + HexFormat.of().formatHex(random()).substring(0, 8);
        String dockerd = LabHome.binary("dockerd", "docker.io");
        String ownDisk = DockerDataRoot.mount(dd);
        if (ownDisk != null) {
            progress.accept(String.format("%-13s its data root stays on the host's disk (%s): disk-full cannot be practised", Lab.DOCKER, ownDisk));
        }
        started(Lab.DOCKER, 0, host, part(Lab.DOCKER, "dockerd.log", (d, log) ->
                LabProcess.start(Lab.DOCKER, DockerPart.daemonCommand(dockerd, d, namespace), d, log, Map.of(), true)),
                () -> DockerPart.answers(cli, host, Duration.ofSeconds(2)), Duration.ofSeconds(60));
        ContainerImage image = ContainerImage.of(appJar, script, env).name(Lab.APP_CONTAINER).modules(ContainerImage.SPRING_BOOT_MODULES);
        if (!image.cached()) {
            progress.accept(String.format("%-13s packing the app's image (first time only: a minute or more) ...", Lab.DOCKER));
        }
        String tag = image.loadInto((timeout, args) -> DockerPart.docker(cli, host, timeout, args));
        Path envFile = AppContainer.envFile(dir);
        Files.deleteIfExists(envFile);
        Files.createFile(envFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(envFile, "ADMIN_TOKEN=" + token + "\nJAVA_OPTS=" + Lab.CONTAINER_JAVA_OPTS + "\n");
        progress.accept(String.format("%-13s starting in the container %s on %s:%d (about 20 s) ...", Lab.APP, Lab.APP_CONTAINER,
                Probes.HOST, appPort));
        long t0 = System.nanoTime();
        long pid = new AppContainer(cli, host).run(tag, envFile, appPort, dbPort, redisPort, part -> {
            parts.add(part);
            new LabState(null, List.copyOf(parts), "docker").write(dir);
        }).pid();
        progress.accept(String.format("%-13s up on %s:%d, container %s, pid %d (%.1f s)", Lab.APP, Probes.HOST, appPort, Lab.APP_CONTAINER,
                pid, (System.nanoTime() - t0) / 1e9));
        return host;
    }

    private interface Launch {
        LabProcess launch(Path dir, Path log) throws IOException;
    }

    private record Launched(LabProcess process, Path log) {
    }

    private Launched part(String name, String logName, Launch launch) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Path log = d.resolve(logName);
        return new Launched(launch.launch(d, log), log);
    }

    private void started(String name, int port, String endpoint, Launched l, LabProcess.Probe probe, Duration timeout) {
        record(name, port, endpoint, l.process(), l.log());
        awaitReady(name, l.process(), port == 0 ? endpoint : Probes.HOST + ":" + port, probe, timeout);
    }

    private void record(String name, int port, String endpoint, LabProcess process, Path log) {
        parts.add(new LabPart(name, port, process.pid(), process.startedAt(), endpoint, log));
        new LabState(null, List.copyOf(parts), "process").write(dir);
    }

    private void awaitReady(String name, LabProcess process, String address, LabProcess.Probe probe, Duration timeout) {
        process.awaitReady(timeout, probe);
        progress.accept(String.format("%-13s up on %s, pid %d (%.1f s)", name, address, process.pid(), process.secondsUp()));
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

    private static void runToEnd(List<String> command, Path dir, Path log) throws IOException {
        Process p = LabProcess.start(command.get(0), command, dir, log, Map.of(), false).process();
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
        sql(port, LabSeed.statements().toArray(String[]::new));
    }
}
