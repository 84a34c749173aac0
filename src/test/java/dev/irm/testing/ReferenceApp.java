package dev.irm.testing;

import dev.irm.lab.AppFaultSwitches;
import dev.irm.lab.AppPart;
import dev.irm.lab.LabSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reference app {@code lab/hhplus-app} (Spring Boot 3.5, actuator, Micrometer/Prometheus,
 * HikariCP on MariaDB, Redis, Resilience4j) as a real JVM process on a free loopback port, against
 * its own private MariaDB and Redis, with the {@code lab} profile's fault switches
 * ({@code /lab/faults/...}, lab/hhplus-app/README.md). The jar is built with Maven once and kept:
 * the build is skipped while the jar is newer than the app's sources. {@link #shared()} starts one
 * stack per test run (app, its MariaDB and Redis, and a Prometheus scraping it every second; each
 * process stopped by its own shutdown hook);
 * tests call {@link #reset()} first. {@link #inContainer} runs it as a container of a test's
 * {@link DockerEngine} instead (image packed by {@link JavaImage}).
 */
public final class ReferenceApp implements AutoCloseable {
    public static final String ADMIN_TOKEN = "lab-admin-token-7f3c";
    public static final String DATABASE = AppPart.DATABASE;
    /** The Prometheus job of the shared app. */
    public static final String JOB = AppPart.JOB;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Stack shared;

    /** The app with its MariaDB, Redis and a Prometheus scraping it: one per test run. */
    public record Stack(MariaDbServer db, RedisServer redis, ReferenceApp app, PrometheusServer prometheus) {
    }

    /** Where the app runs: a JVM process of the test's, or a container of the test's engine. */
    private interface Host extends AutoCloseable {
        boolean isAlive();

        String logTail();

        @Override
        void close();
    }

    private final Host host;
    private final int port;
    private final Path logFile;

    private ReferenceApp(Host host, int port, Path logFile) {
        this.host = host;
        this.port = port;
        this.logFile = logFile;
    }

    /** One stack per test run, stopped by a shutdown hook; the first call builds the jar if needed and starts it all (~15 s). */
    public static synchronized Stack shared() {
        if (shared == null) {
            try {
                Path jar = build();
                MariaDbServer db = MariaDbServer.start();
                RedisServer redis = RedisServer.start("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");
                createDatabase(db);
                ReferenceApp app = start(jar, db, redis);
                PrometheusServer prometheus = PrometheusServer.builder().scrape(JOB, "127.0.0.1:" + app.port(),
                        "/actuator/prometheus").start();
                prometheus.awaitScrapes(JOB, 2);
                shared = new Stack(db, redis, app, prometheus);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * Another app instance on the same database and Redis with extra Spring properties
     * ({@code --key=value}), e.g. Spring's default web exposure; the caller closes it.
     */
    public static ReferenceApp startAnother(Stack stack, String... springArgs) throws IOException {
        return start(build(), stack.db(), stack.redis(), springArgs);
    }

    /** An app instance on a database and Redis of the caller's (the app's database is created when missing). */
    public static ReferenceApp startOn(MariaDbServer db, RedisServer redis, String... springArgs) throws IOException {
        createDatabase(db);
        return start(build(), db, redis, springArgs);
    }

    private static ReferenceApp start(Path jar, MariaDbServer db, RedisServer redis, String... springArgs) throws IOException {
        ManagedProcess mp = ManagedProcess.inTempDir("hhplus-app", "stdout.log", "application.log");
        int port = FreePorts.next();
        Path logFile = mp.dir().resolve("application.log");
        List<String> cmd = new ArrayList<>(List.of(javaBinary()));
        cmd.addAll(AppPart.jvmOptions());
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(appArgs(port, db, redis, logFile.toString()));
        cmd.addAll(List.of(springArgs));
        mp.start(cmd);
        ReferenceApp app = new ReferenceApp(new Host() {
            public boolean isAlive() {
                return mp.isAlive();
            }

            public String logTail() {
                return mp.logTail(60);
            }

            public void close() {
                mp.close();
            }
        }, port, logFile);
        mp.awaitReady(START_TIMEOUT, () -> app.get("/actuator/health").statusCode() == 200);
        return app;
    }

    /**
     * The app as the container {@code name} of {@code docker}, on {@code --network host} (the private engine
     * has no bridge) and a free loopback port, on the caller's database and Redis; returns once it is healthy.
     * {@code runArgs} go to {@code docker run} (compose labels, {@code --memory}), {@code javaOpts} to the JVM
     * ({@code JAVA_OPTS}). It logs to stdout (what {@code docker logs} reads); {@link #logFile()} is null.
     * The container is removed on close().
     */
    public static ReferenceApp inContainer(DockerEngine docker, String name, MariaDbServer db, RedisServer redis,
                                           List<String> runArgs, String javaOpts, String... springArgs) throws IOException {
        createDatabase(db);
        String image = JavaImage.of(build()).name("hhplus-app").modules(JavaImage.SPRING_BOOT_MODULES).loadInto(docker);
        int port = FreePorts.next();
        List<String> run = new ArrayList<>(List.of("--network", "host", "--env", "JAVA_OPTS=" + javaOpts));
        run.addAll(runArgs);
        List<String> cmd = new ArrayList<>(appArgs(port, db, redis, "/tmp/application.log"));
        cmd.addAll(List.of(springArgs));
        docker.runContainer(name, image, run, cmd.toArray(String[]::new));
        ReferenceApp app = new ReferenceApp(new Host() {
            public boolean isAlive() {
                return "running".equals(docker.inspect(name, "{{.State.Status}}"));
            }

            public String logTail() {
                return docker.dockerResult("logs", "--tail", "60", name).output();
            }

            public void close() {
                docker.removeContainer(name);
            }
        }, port, null);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!app.answersHealthy()) {
            if (!app.isAlive() || System.nanoTime() > deadline) {
                String why = app.isAlive() ? "not healthy within " + START_TIMEOUT : "exited";
                String logs = app.logTail();
                app.close();
                throw new IllegalStateException("app container " + name + " " + why + "\n" + logs);
            }
            ManagedProcess.sleep(250);
        }
        return app;
    }

    /** The lab's arguments (AppPart) plus the tests' fixed admin token. */
    private static List<String> appArgs(int port, MariaDbServer db, RedisServer redis, String logFile) {
        List<String> args = new ArrayList<>(AppPart.args(port, db.host(), db.port(), redis.host(), redis.port(), logFile));
        args.add("--hhplus.admin.token=" + ADMIN_TOKEN);
        return args;
    }

    private boolean answersHealthy() {
        try {
            return get("/actuator/health").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Builds lab/hhplus-app with Maven unless its jar is newer than every source file. */
    static synchronized Path build() {
        Path project = projectDir();
        Path jar = project.resolve("target/hhplus-app.jar");
        if (Files.exists(jar) && newestSource(project).compareTo(modified(jar)) < 0) {
            return jar;
        }
        String mvn = ManagedProcess.which("mvn", "/usr/bin", "/usr/share/maven/bin");
        ManagedProcess.runChecked(Duration.ofMinutes(8), List.of(mvn, "-q", "-B", "-f", project.resolve("pom.xml").toString(),
                "package", "-DskipTests"));
        return jar;
    }

    private static Path projectDir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("lab/hhplus-app"))) {
                return d.resolve("lab/hhplus-app");
            }
        }
        throw new IllegalStateException("lab/hhplus-app not found above " + dir);
    }

    private static FileTime newestSource(Path project) {
        try (Stream<Path> files = Stream.concat(Stream.of(project.resolve("pom.xml")), Files.walk(project.resolve("src")))) {
            return files.filter(Files::isRegularFile).map(ReferenceApp::modified).max(FileTime::compareTo).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void createDatabase(MariaDbServer db) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the app's database", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The file the app logs to (also its stdout): what the {@code process} log source reads as {@code app_log}; null in a container. */
    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return host.isAlive();
    }

    /**
     * Clears every lab fault (breakers back to CLOSED), the app's tables (then the seed rows of a new
     * lab, {@link LabSeed}), Redis and its INFO stats, and Prometheus' request series of the shared app (so rates start afresh).
     */
    public void reset(Stack stack) {
        fault("/reset");
        try (Connection c = stack.db().connect(); Statement s = c.createStatement()) {
            for (String table : List.of("payment", "point_history", "point", "seat_hold", "reservation")) {
                s.execute("DELETE FROM " + DATABASE + "." + table);
            }
            for (String insert : LabSeed.statements()) {
                s.execute(insert);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the app's tables", e);
        }
        try (var jedis = stack.redis().client()) {
            jedis.flushAll();
            jedis.configResetStat();
        }
        if (this == stack.app()) {
            stack.prometheus().forget("{__name__=~\"http_server_requests.*\"}", JOB);
        }
    }

    /** Holds {@code n} more pool connections and waits until the app's own metric shows them (lab code: {@link AppFaultSwitches}). */
    public void holdConnections(int n) {
        switches().holdConnections(n);
    }

    /** POST {@code /lab/faults + pathAndQuery} through the lab's {@link AppFaultSwitches}; throws unless the app answers 2xx. Returns the body. */
    public String fault(String pathAndQuery) {
        return switches().fault(pathAndQuery);
    }

    /** The app's fault switches, as the lab's faults use them. */
    public AppFaultSwitches switches() {
        return new AppFaultSwitches(url());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).GET().build());
    }

    public HttpResponse<String> post(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String logTail() {
        return host.logTail();
    }

    @Override
    public void close() {
        host.close();
    }
}
