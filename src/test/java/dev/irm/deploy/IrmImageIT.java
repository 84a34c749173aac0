package dev.irm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.support.Json;
import dev.irm.testing.CommandResult;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.IrmCli;
import dev.irm.testing.RedisServer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The irm image as {@code deploy/image/build.sh} makes it ({@code target/irm-image.tar}, after {@code package}),
 * loaded with {@code docker load} into the test's Docker engine (a private dockerd when none answers) and run
 * against the test's own redis-server: the private engine has no bridge, so the container shares the host's
 * network ({@code --network host}) and reaches Redis on loopback.
 */
class IrmImageIT {
    private static final Path ROOT = Path.of(System.getProperty("irm.project.dir", "."));
    private static final Duration RUN = Duration.ofSeconds(90);
    private static DockerEngine docker;
    private static String image;

    @BeforeAll
    static void loadImage() throws Exception {
        Process build = new ProcessBuilder("bash", ROOT.resolve("deploy/image/build.sh").toString()).inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES) && build.exitValue() == 0, "deploy/image/build.sh failed");
        Path tar = ROOT.resolve("target/irm-image.tar");
        assertTrue(Files.isRegularFile(tar));
        docker = DockerEngine.start();
        CommandResult load = docker.dockerResult(Duration.ofMinutes(3), "load", "-i", tar.toString());
        assertEquals(0, load.exitCode(), load.output());
        image = "irm:" + version();
        assertTrue(load.stdout().contains(image), load.stdout());
    }

    @AfterAll
    static void stop() {
        if (docker != null) {
            docker.dockerResult("image", "rm", "-f", image, "irm:latest");
            docker.close();
        }
    }

    private static String version() throws IOException {
        return Files.readAllLines(ROOT.resolve("target/maven-archiver/pom.properties")).stream()
                .filter(l -> l.startsWith("version=")).map(l -> l.substring(8)).findFirst().orElseThrow();
    }

    private static CommandResult irm(List<String> runArgs, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("run", "--rm", "--network", "host", "--label", DockerEngine.LABEL));
        cmd.addAll(runArgs);
        cmd.add(image);
        cmd.addAll(List.of(args));
        return docker.dockerResult(RUN, cmd.toArray(String[]::new));
    }

    @Test
    void theImageRunsIrmAsAnUnprivilegedUser() throws IOException {
        CommandResult r = irm(List.of(), "--version");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.stdout().contains(version()), r.stdout());
        assertEquals("10001", docker.docker("image", "inspect", "-f", "{{.Config.User}}", image));
        assertEquals("[/usr/local/bin/irm]", docker.docker("image", "inspect", "-f", "{{.Config.Entrypoint}}", image));
    }

    @Test
    void aFullRedisIsCriticalAndPointsToRedisOom() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction")) {
            redis.fillToMaxmemory();
            CommandResult r = irm(List.of("-e", "IRM_REDIS_URL=" + redis.url()), "diagnose", "redis", "-o", "json");
            assertEquals(2, r.exitCode(), r.output());
            JsonNode memory = check(Json.MAPPER.readTree(r.stdout()), "redis.memory");
            assertEquals("CRITICAL", memory.path("status").asText(), memory.toString());
            assertEquals("redis-oom", memory.path("runbook").asText());
        }
    }

    @Test
    void aHealthyRedisYieldsNothingAtWarningOrAbove() throws Exception {
        try (RedisServer redis = RedisServer.start("--maxmemory", "48mb", "--maxmemory-policy", "allkeys-lru")) {
            CommandResult r = irm(List.of(), "diagnose", "redis", "--redis", redis.url(), "-o", "json");
            assertEquals(0, r.exitCode(), r.output());
            JsonNode out = Json.MAPPER.readTree(r.stdout());
            assertEquals("OK", out.path("status").asText());
            assertEquals(0, out.path("findings").size(), out.toString());
        }
    }

    @Test
    void aStoppedRedisIsTheReachabilityFinding() {
        CommandResult r = irm(List.of(), "diagnose", "redis", "--redis", "redis://127.0.0.1:1");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.stdout().contains("redis.reachable"), r.stdout());
    }

    /**
     * The CronJob's own script (read from deploy/kubernetes/cronjob-diagnose.yaml) in the image: {@code irm diagnose all
     * -o prometheus} and busybox wget pushing the result to a Pushgateway (here the test's HTTP server on loopback).
     * Needs the prometheus renderer (branch serve): skipped, saying so, where this build has none.
     */
    @Test
    void theCronJobScriptPushesTheDiagnosisToAPushgateway() throws Exception {
        IrmCli.Result probe = new IrmCli().run("diagnose", "redis", "--redis", "redis://127.0.0.1:1", "-o", "prometheus");
        Assumptions.assumeTrue(probe.code() != 64, "this build has no -o prometheus yet: " + probe.err().strip());
        JsonNode container = new YAMLMapper().readTree(ROOT.resolve("deploy/kubernetes/cronjob-diagnose.yaml").toFile())
                .at("/spec/jobTemplate/spec/template/spec/containers/0");
        List<String> command = new java.util.ArrayList<>();
        container.path("command").forEach(c -> command.add(c.asText()));
        container.path("args").forEach(a -> command.add(a.asText()));
        assertEquals(List.of("/bin/sh", "-c"), command.subList(0, 2));
        HttpServer pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> pushed = new ConcurrentHashMap<>();
        pushgateway.createContext("/metrics/", exchange -> {
            pushed.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        pushgateway.start();
        try (RedisServer redis = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction")) {
            redis.fillToMaxmemory();
            List<String> run = new java.util.ArrayList<>(List.of("--entrypoint", command.get(0),
                    "-e", "PUSHGATEWAY_URL=http://127.0.0.1:" + pushgateway.getAddress().getPort(), "-e", "POD_NAMESPACE=shop",
                    "-e", "IRM_REDIS_URL=" + redis.url(), "-e", "IRM_MYSQL_URL=jdbc:mysql://127.0.0.1:1/",
                    "-e", "IRM_KAFKA_BOOTSTRAP=127.0.0.1:1", "-e", "IRM_APP_URL=http://127.0.0.1:1",
                    "-e", "IRM_PROMETHEUS_URL=http://127.0.0.1:1", "-e", "DOCKER_HOST=unix:///nonexistent.sock"));
            CommandResult r = irm(run, command.subList(1, command.size()).toArray(String[]::new));
            assertEquals(0, r.exitCode(), "findings are not a failed Job: " + r.output());
        } finally {
            pushgateway.stop(0);
        }
        String body = pushed.get("POST /metrics/job/irm-diagnose/namespace/shop");
        assertTrue(body != null && body.contains("redis.memory") && body.contains("redis-oom"), "pushed: " + pushed);
    }

    private static JsonNode check(JsonNode out, String id) {
        for (JsonNode target : out.path("targets")) {
            for (JsonNode c : target.path("checks")) {
                if (id.equals(c.path("id").asText())) {
                    return c;
                }
            }
        }
        throw new AssertionError("no check " + id + " in " + out);
    }
}
