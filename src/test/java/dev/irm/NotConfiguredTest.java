package dev.irm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine with Redis and MariaDB only (CONTRACT.md "Connections"): Docker and Kubernetes are not
 * configured — no option, environment variable or context names them, there is no Docker socket at
 * the local default and no kubeconfig under HOME — so each is one SKIPPED {@code TARGET.configured}
 * check saying what is missing, never a CRITICAL; a configured Docker host that does not answer is.
 */
class NotConfiguredTest {
    private static RedisServer redis;
    private static MariaDbServer db;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--maxmemory", "40mb", "--maxmemory-policy", "allkeys-lru");
        db = MariaDbServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
        db.close();
    }

    /** HOME is an empty folder, DOCKER_HOST and KUBECONFIG are unset, the default socket path does not exist. */
    private static IrmCli machine(String context) throws Exception {
        IrmCli cli = new IrmCli();
        cli.env("HOME", cli.home().toString());
        cli.env("IRM_DOCKER_DEFAULT_SOCKET", cli.home().resolve("run").resolve("docker.sock").toString());
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: box\ncontexts:\n  box:\n"
                + "    redis: {url: \"" + redis.url() + "\"}\n    mysql: {url: \"" + db.jdbcUrl() + "\"}\n" + context);
        return cli;
    }

    @Test
    void diagnoseAllOnRedisAndMariaDbOnlyHasNoFindingAndSaysWhatIsMissing() throws Exception {
        IrmCli.Result r = machine("    targets: [redis, mysql, docker, k8s]\n").run("diagnose", "all", "-o", "json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("OK", r.json().path("status").asText());
        assertEquals(0, r.json().path("findings").size(), "nothing at WARNING or above: " + r.out());
        List<String> targets = new ArrayList<>();
        r.json().path("targets").forEach(t -> targets.add(t.path("target").asText()));
        assertEquals(List.of("redis", "mysql", "docker", "k8s"), targets, "the context's targets are what all means");

        JsonNode docker = r.check("docker.configured");
        assertEquals("SKIPPED", docker.path("status").asText());
        assertTrue(docker.path("summary").asText().contains("no --docker-host, DOCKER_HOST or docker.host"), docker.toString());
        assertTrue(docker.path("summary").asText().contains("no socket at " + r.json().path("targets").get(2).path("endpoint").asText()
                .substring("unix://".length())), docker.toString());
        JsonNode k8s = r.check("k8s.configured");
        assertEquals("SKIPPED", k8s.path("status").asText());
        assertTrue(k8s.path("summary").asText().contains("KUBECONFIG"), k8s.toString());
        assertTrue(k8s.path("summary").asText().contains("in-cluster service account"), k8s.toString());
        for (String target : List.of("docker", "k8s")) {
            JsonNode t = target(r, target);
            assertEquals("SKIPPED", t.path("status").asText());
            assertEquals(1, t.path("checks").size(), "one check for a target that is not there: " + t);
        }
        assertFalse(r.out().contains("docker.reachable") || r.out().contains("k8s.reachable"), r.out());
        assertEquals("OK", r.check("redis.reachable").path("status").asText());
        assertEquals("OK", r.check("mysql.reachable").path("status").asText());
    }

    @Test
    void askingForDockerExplicitlyIsSkippedTooButAConfiguredDeadHostIsCritical() throws Exception {
        IrmCli.Result asked = machine("").run("diagnose", "docker");
        assertEquals(0, asked.code(), asked.toString());
        assertTrue(asked.out().contains("SKIPPED   docker.configured"), asked.out());

        IrmCli dead = machine("");
        dead.env("DOCKER_HOST", "unix://" + dead.home().resolve("stopped-engine.sock"));
        IrmCli.Result r = dead.run("diagnose", "docker", "-o", "json");
        assertEquals(2, r.code(), r.toString());
        JsonNode reachable = r.check("docker.reachable");
        assertEquals("CRITICAL", reachable.path("status").asText());
        assertTrue(reachable.path("summary").asText().contains("no socket at"), reachable.toString());

        IrmCli viaOption = machine("");
        IrmCli.Result o = viaOption.run("diagnose", "docker", "k8s", "-o", "json", "--docker-host", "tcp://127.0.0.1:1",
                "--kube-context", "prod-cluster");
        assertEquals(2, o.code(), o.toString());
        assertEquals("CRITICAL", o.check("docker.reachable").path("status").asText(), "an option names the target: " + o.out());
        assertEquals("CRITICAL", o.check("k8s.reachable").path("status").asText(), o.out());
        assertTrue(o.check("k8s.reachable").path("summary").asText().contains("no kubeconfig"), o.out());
    }

    @Test
    void runbooksForAnyPlatformDoNotFailAHealthySystemForThePlatformThatIsNotThere() throws Exception {
        IrmCli.Result oom = machine("").run("run", "app-oom", "--dry-run", "-o", "json");
        assertEquals(0, oom.code(), oom.toString());
        assertEquals(0, oom.json().path("findings").size(), oom.out());
        assertTrue(oom.out().contains("docker.configured") && oom.out().contains("k8s.configured"), oom.out());
        assertEquals(1, count(oom.json().path("diagnostics"), "docker.configured"), "one check per target: " + oom.out());

        IrmCli.Result pool = machine("").run("run", "db-pool-exhaustion", "--dry-run", "-o", "json", "--app", "http://127.0.0.1:1");
        assertFalse(pool.out().contains("docker.reachable") || pool.out().contains("k8s.reachable"), pool.out());
        assertEquals("OK", check(pool.json().path("diagnostics"), "mysql.connections").path("status").asText(), pool.out());
    }

    @Test
    void aContextNamingAnUnknownTargetIsAConfigError() throws Exception {
        IrmCli.Result r = machine("    targets: [redis, mongodb]\n").run("diagnose", "all");
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("targets: unknown target 'mongodb'"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    private static JsonNode target(IrmCli.Result r, String name) {
        for (JsonNode t : r.json().path("targets")) {
            if (name.equals(t.path("target").asText())) {
                return t;
            }
        }
        throw new AssertionError("no target " + name + " in " + r.out());
    }

    private static long count(JsonNode diagnostics, String id) {
        long n = 0;
        for (JsonNode t : diagnostics.path("targets")) {
            for (JsonNode c : t.path("checks")) {
                n += id.equals(c.path("id").asText()) ? 1 : 0;
            }
        }
        return n;
    }

    private static JsonNode check(JsonNode diagnostics, String id) {
        for (JsonNode t : diagnostics.path("targets")) {
            for (JsonNode c : t.path("checks")) {
                if (id.equals(c.path("id").asText())) {
                    return c;
                }
            }
        }
        throw new AssertionError("no check " + id + " in " + diagnostics);
    }
}
