package dev.irm.connector.kafka;

import dev.irm.testing.KafkaBroker;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * For bench/kafka-vs-tools.sh and manual tries: starts a KRaft broker with the lag faults of
 * kafka-lag injected (group hhplus-reservation-consumer left 5,000 messages behind with no
 * members, one DLQ message), prints {@code BOOTSTRAP host:port}, and runs until stdin closes.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            KafkaFaults.produce(broker, "reservation.confirmed", 3, 6000);
            KafkaFaults.commit(broker, "hhplus-reservation-consumer", Map.of(
                    new TopicPartition("reservation.confirmed", 0), 1000L,
                    new TopicPartition("reservation.confirmed", 1), 0L,
                    new TopicPartition("reservation.confirmed", 2), 0L));
            KafkaFaults.produce(broker, "reservation.confirmed.dlq", 1, 1);
            System.out.println("BOOTSTRAP " + broker.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // run until stdin closes
            }
        }
    }
}
