package dev.irm.connector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.FreePorts;
import dev.irm.testing.IrmCli;
import dev.irm.testing.KafkaBroker;
import dev.irm.testing.RedisServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code irm diagnose kafka} against one real KRaft broker with the kafka-lag faults injected, one
 * per test, in order: each later fault is still present when the next test runs, so tests assert
 * the checks of their own group. The last test stops the broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaDiagnoseTest {
    /** Liveness guard only (no hang); speed is measured in bench/, not asserted here. */
    private static final Duration NO_HANG = Duration.ofSeconds(20);
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static IrmCli.Result diagnose(String group) throws Exception {
        IrmCli cli = KafkaFaults.cli(broker, Map.of("group", group, "expected_brokers", 1));
        return assertTimeoutPreemptively(NO_HANG, () -> cli.run("diagnose", "kafka", "-o", "json"));
    }

    @Test
    @Order(1)
    void healthyClusterIsOkWhenOneBrokerIsExpected() throws Exception {
        KafkaFaults.produce(broker, "reservation.confirmed", 2, 100);
        KafkaFaults.commit(broker, "g-healthy", Map.of(new TopicPartition("reservation.confirmed", 0), 50L,
                new TopicPartition("reservation.confirmed", 1), 50L));
        IrmCli.Result r = diagnose("g-healthy");
        assertEquals(0, r.code(), r.toString());
        assertEquals("OK", r.check("kafka.reachable").path("status").asText());
        assertEquals("OK", r.check("kafka.brokers").path("status").asText());
        assertEquals("OK", r.check("kafka.controller").path("status").asText());
        assertEquals("OK", r.check("kafka.partitions").path("status").asText());
        assertEquals(0, r.check("kafka.group-lag").path("metrics").path("total_lag").asLong(), r.out());
        assertEquals("OK", r.check("kafka.dlq").path("status").asText());
        assertEquals(0, r.json().path("findings").size(), r.out());
    }

    @Test
    @Order(2)
    void anExpectedBrokerCountIsJudgedOnlyWhenSet() throws Exception {
        IrmCli.Result unset = assertTimeoutPreemptively(NO_HANG, () -> KafkaFaults.cli(broker, Map.of()).run("diagnose", "kafka", "-o", "json"));
        assertEquals(0, unset.code(), unset.toString());
        assertEquals("1 broker(s) answer (ids 0)", unset.check("kafka.brokers").path("summary").asText());
        assertEquals("SKIPPED", unset.check("kafka.group-lag").path("status").asText(), "hhplus-reservation-consumer does not exist here");

        IrmCli cli = KafkaFaults.cli(broker, Map.of("expected_brokers", 3));
        IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> cli.run("diagnose", "kafka", "-o", "json"));
        assertEquals(2, r.code(), r.toString());
        JsonNode brokers = r.check("kafka.brokers");
        assertEquals("CRITICAL", brokers.path("status").asText());
        assertEquals("kafka-broker-down", brokers.path("runbook").asText());
        assertEquals("1 broker(s) answer (ids 0), 3 expected", brokers.path("summary").asText());
    }

    @Test
    @Order(3)
    void aGroupLeftBehindByThousandsButCatchingUpIsAWarning() throws Exception {
        KafkaFaults.produce(broker, "notification.requested", 3, 6000);
        try (KafkaFaults.SlowConsumer consumer = new KafkaFaults.SlowConsumer(broker, "g-slow", "notification.requested")) {
            consumer.awaitProgress();
            IrmCli.Result r = diagnose("g-slow");
            assertEquals(1, r.code(), r.toString());
            JsonNode lag = r.check("kafka.group-lag");
            assertEquals("WARNING", lag.path("status").asText(), lag.toString());
            assertEquals("kafka-lag", lag.path("runbook").asText());
            assertTrue(lag.path("metrics").path("total_lag").asLong() >= 1000, lag.toString());
            assertEquals(1, lag.path("metrics").path("members").asLong());
            JsonNode trend = r.check("kafka.group-trend");
            assertEquals("OK", trend.path("status").asText(), trend.toString());
            assertEquals("CATCHING_UP", trend.path("metrics").path("trend").asText(), trend.toString());
            assertTrue(trend.path("metrics").path("committed_delta").asLong() > 0, trend.toString());
            assertEquals("OK", r.check("kafka.group-members").path("status").asText());
        }
    }

    @Test
    @Order(4)
    void aStalledConsumerIsCritical() throws Exception {
        KafkaFaults.produce(broker, "payment.completed", 1, 3000);
        try (KafkaConsumer<byte[], byte[]> stuck = KafkaFaults.stalledMember(broker, "g-stalled", "payment.completed")) {
            Map<TopicPartition, Long> before = KafkaFaults.committed(broker, "g-stalled");
            IrmCli.Result r = diagnose("g-stalled");
            assertEquals(2, r.code(), r.toString());
            JsonNode trend = r.check("kafka.group-trend");
            assertEquals("CRITICAL", trend.path("status").asText(), trend.toString());
            assertEquals("STALLED", trend.path("metrics").path("trend").asText());
            assertEquals(0, trend.path("metrics").path("committed_delta").asLong());
            assertEquals("kafka-lag", trend.path("runbook").asText());
            assertEquals("WARNING", r.check("kafka.group-lag").path("status").asText(), "2,990 behind: between 1,000 and 10,000");
            assertEquals("OK", r.check("kafka.group-members").path("status").asText(), "it has a member: stalled, not stopped");
            assertEquals(before, KafkaFaults.committed(broker, "g-stalled"));
        }
    }

    @Test
    @Order(5)
    void lagWithoutMembersIsCriticalAndDiagnosticsCommitNothing() throws Exception {
        KafkaFaults.produce(broker, "data.platform.events", 2, 12_000);
        KafkaFaults.commit(broker, "g-stopped", Map.of(new TopicPartition("data.platform.events", 0), 0L,
                new TopicPartition("data.platform.events", 1), 500L));
        Map<TopicPartition, Long> before = KafkaFaults.committed(broker, "g-stopped");
        Map<TopicPartition, Long> slowBefore = KafkaFaults.committed(broker, "g-slow");
        IrmCli.Result r = diagnose("g-stopped");
        assertEquals(2, r.code(), r.toString());
        JsonNode members = r.check("kafka.group-members");
        assertEquals("CRITICAL", members.path("status").asText(), members.toString());
        assertTrue(members.path("summary").asText().contains("no members"), members.toString());
        JsonNode lag = r.check("kafka.group-lag");
        assertEquals("CRITICAL", lag.path("status").asText(), "11,500 behind is ≥ 10,000");
        assertEquals(11_500, lag.path("metrics").path("total_lag").asLong());
        assertEquals("data.platform.events-0", lag.path("metrics").path("worst_partition").asText());
        assertEquals("SKIPPED", r.check("kafka.group-trend").path("status").asText());
        List<String> naming = new ArrayList<>();
        for (JsonNode f : r.json().path("findings")) {
            if (f.path("subject").asText().equals("g-stopped") || f.path("summary").asText().contains("g-stopped")) {
                naming.add(f.path("check").asText() + " " + f.path("severity").asText());
            }
        }
        assertEquals(List.of("kafka.group-lag CRITICAL", "kafka.group-members CRITICAL"), naming,
                "the configured group is judged by its own checks, not again by kafka.groups: " + r.out());
        assertEquals("CRITICAL", r.json().path("findings").get(0).path("severity").asText());

        IrmCli cli = KafkaFaults.cli(broker, Map.of());
        cli.run("run", "kafka-lag", "--dry-run", "--set", "group=g-stopped");
        cli.run("run", "kafka-broker-down");
        assertEquals(before, KafkaFaults.committed(broker, "g-stopped"));
        assertEquals(slowBefore, KafkaFaults.committed(broker, "g-slow"));
    }

    @Test
    @Order(6)
    void messagesInADeadLetterTopicAreAWarning() throws Exception {
        KafkaFaults.produce(broker, "reservation.confirmed.dlq", 2, 7);
        broker.createTopic("payment.dlq", 1);
        IrmCli.Result r = diagnose("g-healthy");
        JsonNode dlq = r.check("kafka.dlq");
        assertEquals("WARNING", dlq.path("status").asText(), dlq.toString());
        assertEquals("kafka-lag", dlq.path("runbook").asText());
        assertEquals(7, dlq.path("metrics").path("messages").asLong());
        assertEquals(2, dlq.path("metrics").path("topics").asLong());
        assertEquals("reservation.confirmed.dlq", dlq.path("metrics").path("worst_topic").asText());
    }

    @Test
    @Order(7)
    void clientPropertiesComeFromTheContextAndSecretsAreNeverShown() throws Exception {
        String secret = "jaas-Pa55word-xyz";
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\\"irm\\\" password=\\\"" + secret + "\\\";";
        IrmCli cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: sasl\ncontexts:\n  sasl:\n"
                + "    kafka:\n      bootstrap: \"" + broker.bootstrapServers() + "\"\n"
                + "      properties: {security.protocol: SASL_PLAINTEXT, sasl.mechanism: PLAIN, sasl.jaas.config: \"" + jaas + "\"}\n");
        IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> cli.run("diagnose", "kafka", "-o", "json"));
        assertEquals(2, r.code(), r.toString());
        JsonNode reachable = r.check("kafka.reachable");
        assertEquals("CRITICAL", reachable.path("status").asText(), "SASL against a plaintext listener cannot connect");
        assertTrue(reachable.path("summary").asText().contains("(SASL_PLAINTEXT)"), reachable.toString());
        IrmCli.Result view = cli.run("config", "view");
        for (IrmCli.Result shown : List.of(r, view)) {
            assertFalse(shown.out().contains(secret) || shown.err().contains(secret), shown.toString());
        }
        assertTrue(view.out().contains("SASL_PLAINTEXT"), view.out());
    }

    @Test
    @Order(8)
    void aPortThatNeverAnswersIsATimeoutFinding() throws Exception {
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort()) {
            IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "kafka", "-o", "json",
                    "--kafka", "127.0.0.1:" + hole.port()));
            assertEquals(2, r.code(), r.toString());
            JsonNode reachable = r.check("kafka.reachable");
            assertTrue(reachable.path("summary").asText().contains("timeout"), reachable.toString());
            assertEquals("kafka-broker-down", reachable.path("runbook").asText());
        }
    }

    /** The ApiVersions probe: a port that accepts and never answers is CRITICAL; the other targets still answer. */
    @Test
    @Order(8)
    void aBlackHoledKafkaIsCriticalWhileTheOtherTargetsAnswer() throws Exception {
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort(); RedisServer redis = RedisServer.start()) {
            IrmCli.Result r = assertTimeoutPreemptively(NO_HANG, () -> new IrmCli().run("diagnose", "kafka", "redis", "-o", "json",
                    "--kafka", "127.0.0.1:" + hole.port(), "--redis", redis.url()));
            assertEquals(2, r.code(), r.toString());
            JsonNode kafka = r.check("kafka.reachable");
            assertEquals("CRITICAL", kafka.path("status").asText(), kafka.toString());
            assertTrue(kafka.path("summary").asText().contains("accepts connections but no Kafka answers"), kafka.toString());
            assertEquals("kafka-broker-down", kafka.path("runbook").asText());
            assertEquals("OK", r.check("redis.reachable").path("status").asText(), r.out());
            assertFalse(r.out().contains("Exception"), r.out());
        }
    }

    @Test
    @Order(9)
    void aStoppedBrokerIsACriticalFindingNotAHang() throws Exception {
        broker.stop();
        IrmCli.Result r = diagnose("g-healthy");
        assertEquals(2, r.code(), r.toString());
        JsonNode reachable = r.check("kafka.reachable");
        assertEquals("CRITICAL", reachable.path("status").asText());
        assertEquals("kafka-broker-down", reachable.path("runbook").asText());
        assertTrue(reachable.path("summary").asText().contains("connection refused"), reachable.toString());
        assertTrue(reachable.path("summary").asText().contains(broker.bootstrapServers()), reachable.toString());
        assertEquals(1, r.json().path("targets").get(0).path("checks").size(), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
        assertEquals("", r.err());
    }
}
