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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft broker (combined broker + controller) running in this JVM. */
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
        Map<String, String> config = new HashMap<>(Map.of(
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        config.putAll(extraConfig);
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
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
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
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
