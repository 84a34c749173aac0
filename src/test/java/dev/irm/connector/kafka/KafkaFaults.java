package dev.irm.connector.kafka;

import dev.irm.testing.IrmCli;
import dev.irm.testing.KafkaBroker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Injects the kafka-lag faults into a real broker: backlogs, groups without members, stalled and slow consumers. */
public final class KafkaFaults {
    private KafkaFaults() {
    }

    /** Creates the topic and writes {@code messages} small records spread over its partitions. */
    public static void produce(KafkaBroker broker, String topic, int partitions, int messages) throws Exception {
        if (partitions > 0) {
            broker.createTopic(topic, partitions);
        }
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.remove("default.api.timeout.ms");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.putAll(plainProducer());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < messages; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, i % Math.max(1, partitions), null, ("m" + i).getBytes())));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            f.get(1, TimeUnit.SECONDS);
        }
    }

    /**
     * No idempotence: an idempotent producer first asks the broker for a producer id, which on this
     * busy shared machine sometimes stalled the in-process broker's first produce for a minute.
     */
    static Map<String, Object> plainProducer() {
        return Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1");
    }

    /** Commits offsets for a group that has no members (what a crashed consumer fleet leaves behind). */
    public static void commit(KafkaBroker broker, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> om = new HashMap<>();
        offsets.forEach((tp, o) -> om.put(tp, new OffsetAndMetadata(o)));
        try (Admin admin = broker.admin()) {
            admin.alterConsumerGroupOffsets(group, om).all().get(30, TimeUnit.SECONDS);
        }
    }

    static Map<TopicPartition, Long> committed(KafkaBroker broker, String group) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Admin admin = broker.admin()) {
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .forEach((tp, om) -> out.put(tp, om == null ? -1 : om.offset()));
        }
        return out;
    }

    static KafkaConsumer<byte[], byte[]> consumer(KafkaBroker broker, String group, int maxPollRecords) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A member that joined, committed once and then stopped making progress while staying in the
     * group (its heartbeat thread keeps it alive): the stalled consumer.
     */
    static KafkaConsumer<byte[], byte[]> stalledMember(KafkaBroker broker, String group, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(broker, group, 10);
        consumer.subscribe(List.of(topic));
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (consumer.poll(Duration.ofMillis(100)).isEmpty()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("stalled member never got records");
            }
        }
        consumer.commitSync();
        return consumer;
    }

    /**
     * A member that joined and holds its partitions but never commits (auto-commit off): the group
     * has a consumer and keeps the lag its committed offsets left. The caller closes it.
     */
    static KafkaConsumer<byte[], byte[]> idleMember(KafkaBroker broker, String group, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = consumer(broker, group, 10);
        consumer.subscribe(List.of(topic));
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
            if (System.nanoTime() > until) {
                consumer.close();
                throw new IllegalStateException("member of " + group + " got no partitions");
            }
        }
        return consumer;
    }

    /** A consumer that works through a backlog slowly on its own thread: it is catching up. */
    static final class SlowConsumer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile boolean progressed;

        SlowConsumer(KafkaBroker broker, String group, String topic) {
            thread = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker, group, 20)) {
                    consumer.subscribe(List.of(topic));
                    while (running.get()) {
                        if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                            consumer.commitSync();
                            progressed = true;
                            Thread.sleep(50);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "slow-consumer-" + group);
            thread.setDaemon(true);
            thread.start();
        }

        void awaitProgress() throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!progressed && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            if (!progressed) {
                throw new IllegalStateException("slow consumer made no progress");
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /** An irm with a config file whose current context points at the broker and sets runbook variables. */
    static IrmCli cli(KafkaBroker broker, Map<String, Object> variables) throws Exception {
        IrmCli cli = new IrmCli();
        StringBuilder vars = new StringBuilder();
        variables.forEach((k, v) -> vars.append(vars.length() == 0 ? "" : ", ").append(k).append(": \"").append(v).append('"'));
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: test\ncontexts:\n  test:\n"
                + "    kafka: {bootstrap: \"" + broker.bootstrapServers() + "\"}\n"
                + (variables.isEmpty() ? "" : "    variables: {" + vars + "}\n"));
        return cli;
    }
}
