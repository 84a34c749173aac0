package dev.irm.connector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.TargetSettings;
import dev.irm.support.Json;
import dev.irm.testing.IrmCli;
import dev.irm.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code irm run kafka-lag}: dry run, refusal and a confirmed offset reset of an inactive group on a real broker. */
class KafkaRunbookTest {
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A group with no members, 1,000 and 0 committed on a two-partition topic of 3,000 messages: 2,000 behind. */
    private static String abandonedGroup(String name) throws Exception {
        String topic = name + ".events";
        KafkaFaults.produce(broker, topic, 2, 3000);
        KafkaFaults.commit(broker, name, Map.of(new TopicPartition(topic, 0), 1000L, new TopicPartition(topic, 1), 0L));
        return topic;
    }

    private static IrmCli.Result run(IrmCli cli, String group, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "kafka-lag", "--set", "group=" + group,
                "--set", "expected_brokers=1", "-o", "json"));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private static JsonNode reset(IrmCli.Result r) {
        for (JsonNode m : r.json().path("mitigations")) {
            if (m.path("step").asText().equals("reset_offsets")) {
                return m;
            }
        }
        throw new AssertionError("no reset_offsets mitigation in " + r.out());
    }

    @Test
    void dryRunAndRefusalsChangeNothing() throws Exception {
        abandonedGroup("g-dry");
        Map<TopicPartition, Long> before = KafkaFaults.committed(broker, "g-dry");
        IrmCli cli = KafkaFaults.cli(broker, Map.of());

        IrmCli.Result dry = run(cli, "g-dry", "--dry-run");
        assertEquals(2, dry.code(), dry.toString());
        JsonNode m = reset(dry);
        assertEquals("DRY_RUN", m.path("decision").asText());
        assertEquals(2000, m.path("affected").asLong());
        assertTrue(m.path("blastRadius").asText().contains("2000 message(s) across 2 partition(s) are skipped"), m.toString());
        assertTrue(m.path("command").asText().contains("--to-latest"), m.toString());

        IrmCli.Result noTerminal = run(cli, "g-dry");
        assertEquals(4, noTerminal.code(), noTerminal.toString());
        assertEquals("REFUSED", reset(noTerminal).path("decision").asText());

        IrmCli.Result yesOnly = run(cli, "g-dry", "--yes");
        assertEquals(4, yesOnly.code(), yesOnly.toString());
        assertTrue(reset(yesOnly).path("message").asText().contains("--confirm g-dry"), yesOnly.out());

        IrmCli.Result wrongWord = run(cli, "g-dry", "--yes", "--confirm", "g-other");
        assertEquals("REFUSED", reset(wrongWord).path("decision").asText(), wrongWord.out());
        assertEquals(before, KafkaFaults.committed(broker, "g-dry"));
    }

    @Test
    void aConfirmedResetToLatestDoesExactlyWhatItsPreviewSaid() throws Exception {
        String topic = abandonedGroup("g-latest");
        IrmCli cli = KafkaFaults.cli(broker, Map.of());
        IrmCli.Result r = run(cli, "g-latest", "--yes", "--confirm", "g-latest");
        JsonNode m = reset(r);
        assertEquals("EXECUTED", m.path("decision").asText(), r.out());
        assertEquals(2000, m.path("result").path("skipped").asLong());
        Map<TopicPartition, Long> previewed = previewedOffsets(cli.records().get(cli.records().size() - 1));
        assertEquals(Map.of(new TopicPartition(topic, 0), 1500L, new TopicPartition(topic, 1), 1500L), previewed);
        assertEquals(previewed, KafkaFaults.committed(broker, "g-latest"));
        JsonNode verify = r.json().path("steps");
        for (JsonNode step : verify) {
            if (step.path("id").asText().equals("verify")) {
                assertEquals(0, step.path("metrics").path("total_lag").asLong(), step.toString());
            }
        }
    }

    @Test
    void aResetByDurationMovesToTheFirstMessageOfThatTime() throws Exception {
        String topic = "g-time.events";
        broker.createTopic(topic, 1);
        long now = System.currentTimeMillis();
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers()));
        config.putAll(KafkaFaults.plainProducer());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 300; i++) {
                long at = i < 200 ? now - Duration.ofHours(3).toMillis() : now - Duration.ofMinutes(10).toMillis();
                producer.send(new ProducerRecord<>(topic, 0, at, null, new byte[] {1})).get();
            }
        }
        KafkaFaults.commit(broker, "g-time", Map.of(new TopicPartition(topic, 0), 50L));
        IrmCli cli = KafkaFaults.cli(broker, Map.of());
        IrmCli.Result r = run(cli, "g-time", "--set", "reset_to=1h", "--yes", "--confirm", "g-time");
        JsonNode m = reset(r);
        assertEquals("EXECUTED", m.path("decision").asText(), r.out());
        assertEquals(150, m.path("affected").asLong(), "offsets 50..199 are older than an hour");
        assertEquals(Map.of(new TopicPartition(topic, 0), 200L), previewedOffsets(cli.records().get(0)));
        assertEquals(Map.of(new TopicPartition(topic, 0), 200L), KafkaFaults.committed(broker, "g-time"));
    }

    @Test
    void anActiveGroupIsNeverReset() throws Exception {
        String topic = abandonedGroup("g-active");
        try (KafkaConsumer<byte[], byte[]> member = KafkaFaults.stalledMember(broker, "g-active", topic);
             Connector kafka = new KafkaConnectorFactory().open(new TargetSettings("kafka",
                     Map.of("bootstrap", broker.bootstrapServers()), Duration.ofSeconds(1)))) {
            Map<TopicPartition, Long> before = KafkaFaults.committed(broker, "g-active");
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> kafka.preview("reset-offsets", Args.of("group", "g-active", "to", "latest")));
            assertTrue(refused.getMessage().contains("active member"), refused.getMessage());
            assertThrows(IllegalStateException.class, () -> kafka.write("reset-offsets", Args.of("group", "g-active"), null));
            assertEquals(before, KafkaFaults.committed(broker, "g-active"));
        }
    }

    /** New offsets per partition as the recorded preview showed them to the operator. */
    static Map<TopicPartition, Long> previewedOffsets(Path record) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(record)) {
            JsonNode e = Json.MAPPER.readTree(line);
            if (e.path("event").asText().equals("mitigation.previewed") && e.path("step").asText().equals("reset_offsets")) {
                for (JsonNode row : e.path("data").path("sample")) {
                    out.put(new TopicPartition(row.path("topic").asText(), row.path("partition").asInt()), row.path("new_offset").asLong());
                }
            }
        }
        return out;
    }
}
