package dev.irm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.k8s.K8sMockCluster;
import dev.irm.connector.kafka.KafkaFaults;
import dev.irm.connector.mysql.HhplusDb;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.IrmCli;
import dev.irm.testing.KafkaBroker;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import dev.irm.testing.ReferenceApp;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code irm diagnose all} against every real service at once, one fault injected in each: every
 * target is diagnosed, in parallel, and each fault is found with the runbook that handles it.
 */
class DiagnoseAllTest {
    /** Liveness guard only (no hang); speed is not asserted. */
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private static final String GROUP = "g-all-stopped";

    private static final List<AutoCloseable> started = new ArrayList<>();
    private static RedisServer redis;
    private static MariaDbServer db;
    private static KafkaBroker kafka;
    private static DockerEngine docker;
    private static K8sMockCluster k8s;
    private static ReferenceApp.Stack app;
    private static IrmCli.Result result;

    @BeforeAll
    static void startEveryServiceWithOneFaultAndDiagnoseAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Future<RedisServer> r = pool.submit(DiagnoseAllTest::redisOutOfMemory);
            Future<MariaDbServer> m = pool.submit(DiagnoseAllTest::mysqlWithDuplicatePayments);
            Future<KafkaBroker> kf = pool.submit(DiagnoseAllTest::kafkaGroupWithLagAndNoMembers);
            Future<DockerEngine> d = pool.submit(DiagnoseAllTest::dockerWithOomKilledApp);
            Future<K8sMockCluster> k = pool.submit((Callable<K8sMockCluster>) K8sMockCluster::start);
            Future<ReferenceApp.Stack> a = pool.submit(DiagnoseAllTest::referenceAppHoldingNineOfTenConnections);
            redis = track(r);
            db = track(m);
            kafka = track(kf);
            docker = track(d);
            k8s = track(k);
            try {
                app = a.get();
            } catch (Exception e) {
                stopAll();
                throw e;
            }
        } finally {
            pool.shutdown();
        }
        IrmCli cli = new IrmCli();
        cli.env("KUBECONFIG", k8s.kubeconfig(cli.home()).toString());
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: test\ncontexts:\n  test:\n"
                + "    variables: {group: \"" + GROUP + "\", expected_brokers: \"1\"}\n");
        result = assertTimeoutPreemptively(NO_HANG, () -> cli.run("diagnose", "all", "-o", "json",
                "--redis", redis.url(), "--mysql", HhplusDb.url(db), "--kafka", kafka.bootstrapServers(),
                "--docker-host", docker.dockerHost(), "-n", "shop", "--app", app.app().url(), "--prometheus", app.prometheus().url()));
    }

    /** Collects every server that started (even if another failed) so that @AfterAll closes it. */
    private static <T extends AutoCloseable> T track(Future<T> future) throws Exception {
        try {
            T server = future.get();
            synchronized (started) {
                started.add(server);
            }
            return server;
        } catch (Exception e) {
            stopAll();
            throw e;
        }
    }

    /** The shared reference app (not closed here: the run's other tests use it), 9 of its 10 pool connections held. */
    private static ReferenceApp.Stack referenceAppHoldingNineOfTenConnections() {
        ReferenceApp.Stack stack = ReferenceApp.shared();
        stack.app().reset(stack);
        stack.app().holdConnections(9);
        return stack;
    }

    @AfterAll
    static void stopAll() {
        if (app != null) {
            app.app().fault("/reset");
        }
        synchronized (started) {
            for (AutoCloseable server : started) {
                try {
                    server.close();
                } catch (Exception e) {
                    // keep closing the others
                }
            }
            started.clear();
        }
    }

    private static RedisServer redisOutOfMemory() throws Exception {
        RedisServer server = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction");
        server.fillToMaxmemory();
        return server;
    }

    private static MariaDbServer mysqlWithDuplicatePayments() throws Exception {
        MariaDbServer server = MariaDbServer.start();
        try (Connection root = server.connect()) {
            HhplusDb.reset(root);
            HhplusDb.injectPaymentFaults(root);
        }
        return server;
    }

    private static KafkaBroker kafkaGroupWithLagAndNoMembers() throws Exception {
        KafkaBroker broker = KafkaBroker.start();
        KafkaFaults.produce(broker, "data.platform.events", 2, 2000);
        KafkaFaults.commit(broker, GROUP, Map.of(new TopicPartition("data.platform.events", 0), 0L,
                new TopicPartition("data.platform.events", 1), 500L));
        return broker;
    }

    /** The app's compose service is {@code app} (the app-oom default), OOM-killed under a 32 MiB limit. */
    private static DockerEngine dockerWithOomKilledApp() throws Exception {
        DockerEngine engine = DockerEngine.start();
        engine.ensureImage();
        engine.runContainer("irm-all-app-1", List.of("--label", "com.docker.compose.service=app", "--memory", "32m", "--memory-swap", "32m"),
                "sh", "-c", "echo starting; x=$(head -c 200000000 /dev/zero | tr \"\\0\" x)");
        assertEquals(137, engine.waitContainer("irm-all-app-1", Duration.ofSeconds(30)));
        // the engine records OOMKilled from the kernel's OOM event, which can arrive after the exit: wait for it
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"true".equals(engine.inspect("irm-all-app-1", "{{.State.OOMKilled}}")) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertEquals("true", engine.inspect("irm-all-app-1", "{{.State.OOMKilled}}"), "the engine saw the OOM kill");
        return engine;
    }

    @Test
    void everyTargetIsDiagnosedAndTheRunIsCritical() {
        assertEquals(2, result.code(), result.toString());
        assertEquals("CRITICAL", result.json().path("status").asText());
        Set<String> targets = new TreeSet<>();
        result.json().path("targets").forEach(t -> targets.add(t.path("target").asText()));
        assertEquals(new TreeSet<>(List.of("docker", "http", "k8s", "kafka", "mysql", "process", "redis")), targets, result.out());
        assertEquals(7, result.json().path("targets").size(), result.out());
        assertEquals("", result.err());
    }

    @Test
    void eachInjectedFaultIsFoundWithItsRunbook() {
        assertFinding("redis.memory", "redis-oom");
        assertFinding("mysql.duplicate-payments", "payment-duplicates");
        assertFinding("kafka.group-members", "kafka-lag");
        assertTrue(result.check("kafka.group-members").path("summary").asText().contains("no members"), result.out());
        assertEquals("OK", result.check("kafka.brokers").path("status").asText(), "expected_brokers 1 comes from the context");
        assertFinding("docker.app-oom-killed", "app-oom");
        assertTrue(result.check("docker.app-oom-killed").path("summary").asText().contains("irm-all-app-1 OOM-killed"), result.out());
        assertFinding("k8s.app-oom-killed", "app-oom");
        assertEquals("hhplus-app-a", result.check("k8s.app-oom-killed").path("metrics").path("oom_names").asText());
        assertFinding("http.hikari-pool", "db-pool-exhaustion");
        assertEquals(90.0, result.check("http.hikari-pool").path("metrics").path("active_pct").asDouble());
    }

    /** The targets ran side by side: the whole run is shorter than its targets one after another. */
    @Test
    void targetsRunInParallel() {
        long sum = 0;
        for (JsonNode target : result.json().path("targets")) {
            sum += target.path("durationMs").asLong();
        }
        long whole = result.json().path("durationMs").asLong();
        assertTrue(whole < sum, "whole run " + whole + " ms, targets together " + sum + " ms");
    }

    private static void assertFinding(String checkId, String runbook) {
        JsonNode check = result.check(checkId);
        assertEquals("CRITICAL", check.path("status").asText(), check.toString());
        assertEquals(runbook, check.path("runbook").asText(), check.toString());
        boolean listed = false;
        for (JsonNode finding : result.json().path("findings")) {
            listed |= checkId.equals(finding.path("check").asText()) && runbook.equals(finding.path("runbook").asText());
        }
        assertTrue(listed, checkId + " is not among the findings: " + result.json().path("findings"));
    }
}
