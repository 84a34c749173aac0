package dev.irm.connector.kafka;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/** One Admin client. Reads go through {@link ReadOnlyKafka}; the raw client is used only by consented writes. */
final class KafkaConnector implements Connector {
    private final Admin admin;
    private final ReadOnlyKafka reads;
    private final OffsetReset reset = new OffsetReset();
    private final String endpoint;
    private final int timeoutMs;

    KafkaConnector(Admin admin, String endpoint, int timeoutMs) {
        this.admin = admin;
        this.reads = new ReadOnlyKafka(admin, timeoutMs);
        this.endpoint = endpoint;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public synchronized Observation read(String action, Args args) throws Exception {
        try {
            return readAction(action, args);
        } catch (Exception e) {
            throw KafkaPermissions.translate(e);
        }
    }

    private Observation readAction(String action, Args args) throws Exception {
        return switch (action) {
            case "cluster" -> KafkaReads.cluster(reads, args);
            case "topics" -> KafkaReads.topics(reads, args);
            case "group-lag" -> KafkaReads.groupLag(reads, args);
            case "groups" -> KafkaReads.groups(reads, args);
            case "dlq" -> KafkaReads.dlq(reads, args);
            default -> throw new IllegalArgumentException("kafka has no read action '" + action + "'");
        };
    }

    @Override
    public synchronized Preview preview(String action, Args args) throws Exception {
        if (!action.equals("reset-offsets")) {
            throw new IllegalArgumentException("kafka has no write action '" + action + "'");
        }
        try {
            return reset.preview(reads, args, endpoint);
        } catch (Exception e) {
            throw KafkaPermissions.translate(e);
        }
    }

    @Override
    public synchronized Observation write(String action, Args args, Consent consent) throws Exception {
        if (!action.equals("reset-offsets")) {
            throw new IllegalArgumentException("kafka has no write action '" + action + "'");
        }
        return reset.apply(admin, reads, args, consent, timeoutMs);
    }

    @Override
    public void close() {
        admin.close(Duration.ofMillis(500));
    }
}
