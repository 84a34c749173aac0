package dev.irm.lab;

import java.util.List;

/**
 * The reference app ({@code lab/hhplus-app}, Spring Boot) with its {@code lab} profile: the JVM options and
 * the Spring arguments that put it on a port and on the lab's MariaDB and Redis.
 */
public final class AppPart {
    public static final String DATABASE = "hhplus";
    /** The Prometheus job that scrapes the app. */
    public static final String JOB = "hhplus-app";

    private AppPart() {
    }

    /** A small, quick-starting JVM: the app is a lab, not a load test. */
    public static List<String> jvmOptions() {
        return List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Dspring.jmx.enabled=false");
    }

    /** Spring arguments (no secret: the admin token goes in the environment, {@code ADMIN_TOKEN}). */
    public static List<String> args(int port, String dbHost, int dbPort, String redisHost, int redisPort, String logFile) {
        return List.of("--spring.profiles.active=lab",
                "--server.port=" + port, "--server.address=" + Probes.HOST,
                "--spring.datasource.url=jdbc:mariadb://" + dbHost + ":" + dbPort + "/" + DATABASE,
                "--spring.datasource.username=" + MariaDbPart.ROOT, "--spring.datasource.password=",
                "--spring.data.redis.host=" + redisHost, "--spring.data.redis.port=" + redisPort,
                "--logging.file.name=" + logFile, "--hhplus.scheduler.queue-ms=2000");
    }
}
