package dev.irm.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft cluster running in this JVM: one combined broker + controller by default, or
 * {@link #startCluster(int) N brokers beside one controller}, where single brokers can be stopped.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = ManagedProcess.START_TIMEOUT;

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Thread hook;
    private volatile boolean running = true;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
        this.hook = new Thread(this::stop, "irm-test-cleanup-kafka");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public static KafkaBroker start() throws Exception {
        return start(Map.of());
    }

    /** Extra broker config, e.g. {@code Map.of("auto.create.topics.enable", "false")}. */
    public static KafkaBroker start(Map<String, String> extraConfig) throws Exception {
        return start(1, true, extraConfig);
    }

    /**
     * {@code brokers} brokers (ids 0..N-1) and one separate controller (id 3000), the internal
     * topics replicated to every broker so that stopping one of them leaves the others serving.
     */
    public static KafkaBroker startCluster(int brokers) throws Exception {
        return start(brokers, false, Map.of());
    }

    private static KafkaBroker start(int brokers, boolean combined, Map<String, String> extraConfig) throws Exception {
        String replication = String.valueOf(brokers);
        Map<String, String> config = new HashMap<>(Map.of(
                "offsets.topic.replication.factor", replication,
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", replication,
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        config.putAll(extraConfig);
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(combined)
                .setNumBrokerNodes(brokers)
                .setNumControllerNodes(1)
                .build());
        config.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "irm-test-kafka-start");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> started = starter.submit(() -> {
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                return null;
            });
            started.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new KafkaBroker(cluster);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            closeQuietly(cluster);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Kafka broker did not start within " + START_TIMEOUT.toSeconds() + " s: "
                    + cause, cause);
        } finally {
            starter.shutdownNow();
        }
    }

    /** {@code host:port} of the broker listener; still returned after stop(), when it refuses connections. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client config for test setup: bootstrap servers and short timeouts. */
    public Map<String, Object> clientConfig() {
        return new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    /** An admin client for test setup; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientConfig());
    }

    public void createTopic(String name, int partitions) throws Exception {
        createTopic(name, partitions, 1);
    }

    public void createTopic(String name, int partitions, int replicationFactor) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Shuts one broker down (controlled shutdown, as {@code docker stop} would) and waits until the
     * cluster has fenced it, so what a test then asks the cluster is the state after the stop.
     */
    public void stopBroker(int id) throws Exception {
        kafka.server.BrokerServer server = cluster.brokers().get(id);
        if (server == null) {
            throw new IllegalArgumentException("no broker " + id + " (brokers: " + cluster.brokers().keySet() + ")");
        }
        server.shutdown();
        server.awaitShutdown();
        long until = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < until) {
                boolean fenced = admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes()
                        .get(10, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == id && n.isFenced());
                if (fenced) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("broker " + id + " was not fenced within " + START_TIMEOUT.toSeconds() + " s");
    }

    public boolean isRunning() {
        return running;
    }

    /** Shuts the broker and controller down for good: simulates a dead broker (its port refuses connections). */
    public synchronized void stop() {
        if (running) {
            running = false;
            closeQuietly(cluster);
        }
    }

    @Override
    public void close() {
        stop();
        ManagedProcess.removeShutdownHook(hook);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            // shutting down a test broker: nothing to do about it
        }
    }
}
