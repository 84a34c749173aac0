package dev.irm.bench;

import dev.irm.connector.k8s.K8sMockCluster;
import dev.irm.connector.kafka.KafkaSeeds;
import dev.irm.connector.mysql.HhplusSeeds;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.KafkaBroker;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.RedisServer;
import dev.irm.testing.SpringAppServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The six systems of {@code irm diagnose all}, started in parallel with the tests' fixtures and seeded
 * with the manuals' faults: Redis full under noeviction, duplicate payments, a consumer group 5,000
 * behind with no members, an OOM-killed container, an exhausted pool and an open circuit breaker,
 * OOMKilled and crash-looping pods. A system that cannot be started is left out and named in
 * {@link #missing()}; the others still run.
 */
final class Lab implements AutoCloseable {
    static final String APP_CONTAINER = "bench-app";
    static final String OOM_CONTAINER = "bench-app-oom";
    static final List<String> TARGETS = List.of("redis", "mysql", "kafka", "k8s", "docker", "http");
    private static final Duration START = Duration.ofSeconds(90);

    private final Path dir;
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    RedisServer redis;
    MariaDbServer mysql;
    KafkaBroker kafka;
    DockerEngine docker;
    SpringAppServer app;
    K8sMockCluster k8s;
    private Path kubeconfig;

    private Lab(Path dir) {
        this.dir = dir;
    }

    static Lab start(Path dir) throws InterruptedException {
        Lab lab = new Lab(dir);
        ExecutorService starters = Executors.newFixedThreadPool(6);
        Map<String, Future<?>> started = new LinkedHashMap<>();
        started.put("redis", starters.submit(lab.guard(lab::startRedis)));
        started.put("mysql", starters.submit(lab.guard(lab::startMysql)));
        started.put("kafka", starters.submit(lab.guard(lab::startKafka)));
        started.put("docker", starters.submit(lab.guard(lab::startDocker)));
        started.put("http", starters.submit(lab.guard(lab::startApp)));
        started.put("k8s", starters.submit(lab.guard(lab::startK8s)));
        long deadline = System.nanoTime() + START.toNanos();
        started.forEach((target, f) -> {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                lab.missing.put(target, Failure.describe(e));
            }
        });
        starters.shutdownNow();
        return lab;
    }

    private Callable<Void> guard(Callable<?> start) {
        return () -> {
            start.call();
            return null;
        };
    }

    /** Registers a fixture for close() as soon as it exists, before it is seeded. */
    private <T extends AutoCloseable> T keep(T fixture) {
        synchronized (open) {
            open.add(fixture);
        }
        return fixture;
    }

    private Object startRedis() throws Exception {
        redis = keep(RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction"));
        redis.fillToMaxmemory();
        return redis;
    }

    private Object startMysql() throws Exception {
        mysql = keep(MariaDbServer.start("--max-connections=600"));
        try (Connection root = mysql.connect()) {
            HhplusSeeds.paymentFaults(root);
        }
        return mysql;
    }

    private Object startKafka() throws Exception {
        kafka = keep(KafkaBroker.start());
        KafkaSeeds.lagFaults(kafka);
        return kafka;
    }

    private Object startDocker() throws Exception {
        docker = keep(DockerEngine.start());
        List<String> service = List.of("--label", "com.docker.compose.service=app");
        List<String> small = new ArrayList<>(service);
        small.addAll(List.of("--memory", "32m", "--memory-swap", "32m"));
        docker.runContainer(OOM_CONTAINER, small, "sh", "-c", "echo starting; x=$(head -c 200000000 /dev/zero | tr \"\\0\" x)");
        docker.runContainer(APP_CONTAINER, service, "sh", "-c", "echo Started HhplusApplication; while true; do echo tick; sleep 1; done");
        docker.waitContainer(OOM_CONTAINER, Duration.ofSeconds(60));
        return docker;
    }

    private Object startApp() {
        app = keep(SpringAppServer.start()).pool(10, 10, 6, 0).breaker("dataPlatform", "OPEN")
                .prometheus("status=~\"5..\"", "0.03").prometheus("histogram_quantile", "0.8");
        return app;
    }

    private Object startK8s() throws Exception {
        k8s = keep(K8sMockCluster.start());
        kubeconfig = k8s.kubeconfig(dir);
        return k8s;
    }

    /** Targets that could not be started, with why. */
    Map<String, String> missing() {
        return missing;
    }

    /** The targets that were started and seeded, in irm's order. */
    List<String> targets() {
        return TARGETS.stream().filter(t -> !missing.containsKey(t)).toList();
    }

    /** irm's connection settings for every started system (environment variables of CONTRACT.md). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String target : targets()) {
            switch (target) {
                case "redis" -> env.put("IRM_REDIS_URL", redis.url());
                case "mysql" -> env.put("IRM_MYSQL_URL", HhplusSeeds.url(mysql));
                case "kafka" -> env.put("IRM_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
                case "k8s" -> env.put("KUBECONFIG", kubeconfig.toString());
                case "docker" -> env.put("DOCKER_HOST", docker.dockerHost());
                case "http" -> {
                    env.put("IRM_APP_URL", app.url());
                    env.put("IRM_PROMETHEUS_URL", app.url());
                }
                default -> throw new IllegalStateException(target);
            }
        }
        return env;
    }

    /** Runbook variables of the bench context: judge the seeded group on a one-broker cluster. */
    static Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("group", KafkaSeeds.GROUP);
        v.put("expected_brokers", "1");
        return v;
    }

    @Override
    public void close() {
        List<AutoCloseable> all;
        synchronized (open) {
            all = new ArrayList<>(open);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                System.err.println("bench: cleanup: " + Failure.describe(e));
            }
        }
    }
}
