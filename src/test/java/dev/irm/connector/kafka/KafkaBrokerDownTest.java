package dev.irm.connector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.KafkaBroker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kafka-broker-down on a real KRaft cluster of three brokers and one controller, with no expected
 * broker count configured: the missing broker is found from the cluster itself. The second test
 * stops broker 1 (topics with replication factor 3, so replicas point at it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerDownTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static KafkaBroker cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaBroker.startCluster(3);
        cluster.createTopic("settlement.batches", 4, 3);
        KafkaFaults.produce(cluster, "settlement.batches", 0, 40);
        KafkaFaults.commit(cluster, "settler", Map.of(new TopicPartition("settlement.batches", 0), 40L)); // caught up: produce() with 0 partitions writes all 40 to partition 0
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static IrmCli.Result diagnose() throws Exception {
        IrmCli cli = KafkaFaults.cli(cluster, Map.of());
        return assertTimeoutPreemptively(NO_HANG, () -> cli.run("diagnose", "kafka", "-o", "json"));
    }

    @Test
    @Order(1)
    void threeHealthyBrokersAreOk() throws Exception {
        IrmCli.Result r = diagnose();
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, r.json().path("findings").size(), r.out());
        JsonNode brokers = r.check("kafka.brokers");
        assertEquals("3 broker(s) answer (ids 0,1,2)", brokers.path("summary").asText());
        assertEquals(0, brokers.path("metrics").path("missing_brokers").asLong());
        assertEquals(true, brokers.path("metrics").path("quorum_known").asBoolean(), brokers.toString());
        assertEquals(1, brokers.path("metrics").path("quorum_voters").asLong(), "one controller votes");
    }

    @Test
    @Order(2)
    void aStoppedBrokerIsCriticalNamedByIdAndHowItWasFound() throws Exception {
        cluster.stopBroker(1);
        IrmCli.Result r = diagnose();
        assertEquals(2, r.code(), r.toString());
        JsonNode brokers = r.check("kafka.brokers");
        assertEquals("CRITICAL", brokers.path("status").asText(), brokers.toString());
        assertEquals("kafka-broker-down", brokers.path("runbook").asText());
        assertEquals("1", brokers.path("metrics").path("missing_broker_ids").asText());
        assertEquals(2, brokers.path("metrics").path("brokers").asLong());
        String summary = brokers.path("summary").asText();
        assertTrue(summary.startsWith("missing broker 1 (fenced, replicas of "), summary);
        assertTrue(summary.endsWith("; 2 broker(s) answer (ids 0,2)"), summary);
        JsonNode first = r.json().path("findings").get(0);
        assertEquals("CRITICAL", first.path("severity").asText());
        assertEquals("kafka-broker-down", first.path("runbook").asText(), r.out());
        assertEquals("WARNING", r.check("kafka.partitions").path("status").asText(), "replicas on broker 1 are out of sync");

        IrmCli.Result run = assertTimeoutPreemptively(NO_HANG, () -> KafkaFaults.cli(cluster, Map.of())
                .run("run", "kafka-broker-down", "-o", "json"));
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.out().contains("missing broker 1 (fenced"), run.out());
    }

    @Test
    @Order(3)
    void theQuorumTellsTheStoppedBrokerNoLongerFetchesMetadata() throws Exception {
        awaitQuorumSaysStale(1);
        IrmCli.Result r = diagnose();
        String summary = r.check("kafka.brokers").path("summary").asText();
        assertTrue(summary.matches("missing broker 1 \\(fenced, replicas of \\d+ partition\\(s\\), quorum observer not fetching for \\d+ s\\); .*"), summary);
    }

    /** Waits (setup, not an assertion) until the leader's own quorum view shows {@code id} that far behind. */
    private static void awaitQuorumSaysStale(int id) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Admin admin = cluster.admin()) {
            while (System.nanoTime() < until) {
                QuorumInfo q = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS);
                long leaderClock = q.voters().stream().filter(v -> v.replicaId() == q.leaderId())
                        .mapToLong(v -> v.lastFetchTimestamp().orElse(0L)).findFirst().orElse(0L);
                long now = leaderClock > 0 ? leaderClock : System.currentTimeMillis();
                boolean stale = q.observers().stream().anyMatch(o -> o.replicaId() == id
                        && now - o.lastFetchTimestamp().orElse(0L) >= BrokerCensus.QUORUM_STALE_MS + 500);
                if (stale) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the quorum never showed broker " + id + " behind");
    }
}
