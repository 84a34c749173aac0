package dev.irm.lab.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * kafka-lag: the manuals' consumer group {@code hhplus-reservation-consumer} left behind by a crashed
 * consumer fleet: its committed offset is 0 on a topic that has 2,000 messages, and it has no members.
 */
final class KafkaLag implements Fault {
    static final String GROUP = "hhplus-reservation-consumer";
    static final String TOPIC = "lab.fault.reservation.confirmed";
    private static final int MESSAGES = 2000;

    public String runbook() {
        return "kafka-lag";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return MESSAGES + " messages on " + TOPIC + ", group " + GROUP + " committed at 0 and without members";
    }

    public Map<String, String> inject(LabAccess lab) throws Exception {
        try (Admin admin = lab.kafka()) {
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            produce(lab.kafkaBootstrap());
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(0)))
                    .all().get(20, TimeUnit.SECONDS);
        }
        return Map.of();
    }

    public void heal(LabAccess lab, Map<String, String> remembered) throws Exception {
        try (Admin admin = lab.kafka()) {
            ignoring(GroupIdNotFoundException.class, () -> admin.deleteConsumerGroups(Set.of(GROUP)).all().get(20, TimeUnit.SECONDS));
            ignoring(UnknownTopicOrPartitionException.class, () -> admin.deleteTopics(Set.of(TOPIC)).all().get(20, TimeUnit.SECONDS));
        }
    }

    private static void produce(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 40_000);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, 0, null, ("reservation " + i).getBytes())));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> f : sent) {
            f.get(20, TimeUnit.SECONDS);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void ignoring(Class<? extends Exception> absent, Call call) throws Exception {
        try {
            call.run();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!absent.isInstance(e.getCause())) {
                throw e;
            }
        }
    }
}
