package dev.irm.connector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.IrmCli;
import dev.irm.testing.KafkaBroker;
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
 * {@code kafka.groups} on one real KRaft broker with groups of this test's own names (none is the
 * runbook's default group): every group gets the manuals' thresholds, one finding per bad group,
 * worst first, capped with "and N more". Faults build up in order; each test asserts its own groups.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaGroupsJudgementTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static KafkaBroker broker;
    private static KafkaConsumer<byte[], byte[]> mailerMember;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (mailerMember != null) {
            mailerMember.close();
        }
        broker.close();
    }

    /** Default runbook variables: no expected broker count, thresholds 1,000 / 10,000. */
    private static IrmCli.Result diagnose(Map<String, Object> variables) throws Exception {
        IrmCli cli = KafkaFaults.cli(broker, variables);
        return assertTimeoutPreemptively(NO_HANG, () -> cli.run("diagnose", "kafka", "-o", "json"));
    }

    private static List<JsonNode> groupFindings(IrmCli.Result r) {
        List<JsonNode> out = new ArrayList<>();
        r.json().path("findings").forEach(f -> {
            if (f.path("check").asText().equals("kafka.groups")) {
                out.add(f);
            }
        });
        return out;
    }

    @Test
    @Order(1)
    void aHealthySingleBrokerClusterHasNoFindingWithoutAnExpectedBrokerCount() throws Exception {
        KafkaFaults.produce(broker, "ledger.postings", 2, 40);
        KafkaFaults.commit(broker, "audit-log", Map.of(new TopicPartition("ledger.postings", 0), 20L,
                new TopicPartition("ledger.postings", 1), 20L));
        IrmCli.Result r = diagnose(Map.of());
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, r.json().path("findings").size(), r.out());
        JsonNode brokers = r.check("kafka.brokers");
        assertEquals("OK", brokers.path("status").asText(), brokers.toString());
        assertEquals(1, brokers.path("metrics").path("brokers").asLong());
        assertEquals(0, brokers.path("metrics").path("missing_brokers").asLong());
        assertEquals("1 broker(s) answer (ids 0)", brokers.path("summary").asText());
        assertEquals("OK", r.check("kafka.groups").path("status").asText());
    }

    @Test
    @Order(2)
    void eachGroupIsJudgedAtBothThresholdsWithItsOwnFinding() throws Exception {
        KafkaFaults.produce(broker, "ledger.entries", 3, 12_345);
        KafkaFaults.commit(broker, "ledger-writer", Map.of(new TopicPartition("ledger.entries", 0), 0L,
                new TopicPartition("ledger.entries", 1), 0L, new TopicPartition("ledger.entries", 2), 0L));
        KafkaFaults.produce(broker, "mail.outbox", 1, 2_600);
        KafkaFaults.commit(broker, "mailer", Map.of(new TopicPartition("mail.outbox", 0), 100L));
        mailerMember = KafkaFaults.idleMember(broker, "mailer", "mail.outbox");

        IrmCli.Result r = diagnose(Map.of());
        assertEquals(2, r.code(), r.toString());
        JsonNode check = r.check("kafka.groups");
        assertEquals("CRITICAL", check.path("status").asText(), check.toString());
        List<JsonNode> findings = groupFindings(r);
        assertEquals(2, findings.size(), r.out());

        JsonNode ledger = findings.get(0);
        assertEquals("ledger-writer", ledger.path("subject").asText());
        assertEquals("CRITICAL", ledger.path("severity").asText());
        assertEquals("kafka-lag", ledger.path("runbook").asText());
        assertEquals("kafka", ledger.path("target").asText());
        assertEquals("group ledger-writer: 12,345 behind, no members: nobody consumes them", ledger.path("summary").asText());

        JsonNode mailer = findings.get(1);
        assertEquals("mailer", mailer.path("subject").asText());
        assertEquals("WARNING", mailer.path("severity").asText());
        assertEquals("kafka-lag", mailer.path("runbook").asText());
        assertTrue(mailer.path("summary").asText().startsWith("group mailer: 2,500 behind, 1 member(s)"), mailer.toString());

        assertFalse(r.out().contains("\"subject\" : \"audit-log\"") || r.out().contains("\"subject\":\"audit-log\""), "caught up: no finding");
        assertEquals("CRITICAL", r.json().path("findings").get(0).path("severity").asText(), "worst first");
    }

    @Test
    @Order(3)
    void thresholdsComeFromTheRunbookVariables() throws Exception {
        IrmCli.Result r = diagnose(Map.of("warn_lag", 3000, "crit_lag", 20000));
        List<JsonNode> findings = groupFindings(r);
        assertEquals(1, findings.size(), r.out());
        assertEquals("ledger-writer", findings.get(0).path("subject").asText());
        assertEquals("CRITICAL", findings.get(0).path("severity").asText(), "12,345 < 20,000 but no members: still CRITICAL");
    }

    @Test
    @Order(4)
    void manyBadGroupsAreCappedWithAndNMore() throws Exception {
        KafkaFaults.produce(broker, "ops.replay", 1, 60);
        for (int i = 1; i <= 6; i++) {
            KafkaFaults.commit(broker, "replay-" + i, Map.of(new TopicPartition("ops.replay", 0), 60L - 10L * (7 - i)));
        }
        IrmCli.Result r = diagnose(Map.of());
        assertEquals(2, r.code(), r.toString());
        List<JsonNode> findings = groupFindings(r);
        assertEquals(6, findings.size(), "five groups and one 'and N more': " + r.out());
        List<String> shown = findings.subList(0, 5).stream().map(f -> f.path("subject").asText()).toList();
        assertEquals(List.of("ledger-writer", "replay-1", "replay-2", "replay-3", "replay-4"), shown, "no members first, most behind first");
        findings.subList(0, 5).forEach(f -> assertEquals("CRITICAL", f.path("severity").asText(), f.toString()));
        JsonNode more = findings.get(5);
        assertTrue(more.path("subject").isMissingNode(), more.toString());
        assertEquals("CRITICAL", more.path("severity").asText());
        assertEquals("kafka-lag", more.path("runbook").asText());
        assertEquals("and 3 more: 2 CRITICAL, 1 WARNING (replay-5, replay-6, mailer)", more.path("summary").asText());
        assertEquals(2, more.path("more").path("CRITICAL").asLong(), more.toString());
        assertEquals(1, more.path("more").path("WARNING").asLong(), more.toString());
        findings.subList(0, 5).forEach(f -> assertTrue(f.path("more").isMissingNode(), f.toString()));
        JsonNode check = r.check("kafka.groups");
        assertTrue(check.path("summary").asText().contains("7 CRITICAL, 1 WARNING"), check.toString());

        IrmCli.Result text = KafkaFaults.cli(broker, Map.of()).run("diagnose", "kafka", "--no-color");
        assertTrue(text.out().contains("group ledger-writer: 12,345 behind, no members"), text.out());
        assertTrue(text.out().contains("and 3 more: 2 CRITICAL, 1 WARNING"), text.out());
        assertTrue(text.out().contains("CRITICAL: 7 critical, 1 warning, 0 unknown"), "8 bad groups, 6 findings listed: " + text.out());

        IrmCli.Result run = assertTimeoutPreemptively(NO_HANG, () -> KafkaFaults.cli(broker, Map.of())
                .run("run", "kafka-lag", "--dry-run", "--set", "samples=1", "-o", "json"));
        assertEquals(2, run.code(), run.toString());
        JsonNode firstGroup = null;
        for (JsonNode f : run.json().path("findings")) {
            if (f.path("check").asText().equals("kafka.groups") && firstGroup == null) {
                firstGroup = f;
            }
        }
        assertEquals("ledger-writer", firstGroup == null ? null : firstGroup.path("subject").asText(), run.out());
        List<String> steps = new ArrayList<>();
        run.json().path("steps").forEach(st -> steps.add(st.path("id").asText()));
        assertTrue(steps.contains("other_groups"), "the runbook points at the other groups: " + steps);
    }

    @Test
    @Order(5)
    void theConfiguredGroupIsJudgedOnceByItsOwnChecksAndEveryOtherGroupByKafkaGroups() throws Exception {
        // replay-6: 10 behind, nobody consuming; seven other groups are bad (ledger-writer, replay-1…5, mailer)
        IrmCli.Result r = diagnose(Map.of("group", "replay-6"));
        assertEquals(2, r.code(), r.toString());
        List<JsonNode> naming = new ArrayList<>();
        r.json().path("findings").forEach(f -> {
            if (f.path("subject").asText().equals("replay-6") || f.path("summary").asText().contains("replay-6")) {
                naming.add(f);
            }
        });
        assertEquals(1, naming.size(), r.out());
        assertEquals("kafka.group-members", naming.get(0).path("check").asText());
        assertEquals("CRITICAL", naming.get(0).path("severity").asText());
        assertEquals("kafka-lag", naming.get(0).path("runbook").asText());
        assertEquals("group replay-6 has 10 messages of lag and no members: nobody consumes them", naming.get(0).path("summary").asText());

        List<JsonNode> findings = groupFindings(r);
        assertEquals(6, findings.size(), r.out());
        assertEquals(List.of("ledger-writer", "replay-1", "replay-2", "replay-3", "replay-4"),
                findings.subList(0, 5).stream().map(f -> f.path("subject").asText()).toList());
        assertEquals("and 2 more: 1 CRITICAL, 1 WARNING (replay-5, mailer)", findings.get(5).path("summary").asText());
        JsonNode check = r.check("kafka.groups");
        assertTrue(check.path("summary").asText().contains("6 CRITICAL, 1 WARNING"), check.toString());

        IrmCli.Result text = KafkaFaults.cli(broker, Map.of("group", "replay-6")).run("diagnose", "kafka", "--no-color");
        assertEquals(2, text.code(), text.toString());
        assertTrue(text.out().contains("CRITICAL: 7 critical, 1 warning, 0 unknown"),
                "kafka.group-members + 7 bad groups (5 listed, 'and 2 more'): " + text.out());
        assertTrue(text.out().contains("and 2 more: 1 CRITICAL, 1 WARNING (replay-5, mailer)"), "replay-6 not again under kafka.groups: " + text.out());
    }

    @Test
    @Order(6)
    void exceptTakesOnlyKafkaGroupNames() {
        KafkaConnectorFactory.groupList("replay-6");
        KafkaConnectorFactory.groupList(List.of("replay-6", "mailer"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaConnectorFactory.groupList("mailer,bad group!"));
        assertEquals("group 'bad group!' must be 1–249 characters of A-Z a-z 0-9 . _ -", e.getMessage());
    }
}
