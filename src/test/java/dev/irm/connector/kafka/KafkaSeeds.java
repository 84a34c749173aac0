package dev.irm.connector.kafka;

import dev.irm.testing.KafkaBroker;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** For bench/: public doors to {@link KafkaFaults}, the tests' fault injectors. */
public final class KafkaSeeds {
    public static final String GROUP = "hhplus-reservation-consumer";

    private KafkaSeeds() {
    }

    /** The kafka-lag faults: {@value #GROUP} 5,000 messages behind with no members, one DLQ message. */
    public static void lagFaults(KafkaBroker broker) throws Exception {
        KafkaFaults.produce(broker, "reservation.confirmed", 3, 6000);
        KafkaFaults.commit(broker, GROUP, Map.of(
                new TopicPartition("reservation.confirmed", 0), 1000L,
                new TopicPartition("reservation.confirmed", 1), 0L,
                new TopicPartition("reservation.confirmed", 2), 0L));
        KafkaFaults.produce(broker, "reservation.confirmed.dlq", 1, 1);
    }

    public static void produce(KafkaBroker broker, String topic, int partitions, int messages) throws Exception {
        KafkaFaults.produce(broker, topic, partitions, messages);
    }

    public static void commit(KafkaBroker broker, String group, Map<TopicPartition, Long> offsets) throws Exception {
        KafkaFaults.commit(broker, group, offsets);
    }
}
