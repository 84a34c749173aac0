package dev.irm.connector.kafka;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.DeclaredConnector;
import dev.irm.connector.Observation;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/** One Admin client. Reads go through {@link ReadOnlyKafka}; the raw client is used only by consented writes. */
final class KafkaConnector extends DeclaredConnector<KafkaConnector.Session, KafkaConnector.Writer> {
    /** What read actions and previews get; {@code reset} keeps what a reset preview computed for its apply. */
    record Session(ReadOnlyKafka kafka, OffsetReset reset, String endpoint) {
    }

    /** What a consented write gets: the raw Admin client beside the read-only one. */
    record Writer(Admin admin, ReadOnlyKafka kafka, OffsetReset reset, int timeoutMs) {
    }

    private final Admin admin;

    KafkaConnector(Admin admin, String endpoint, int timeoutMs) {
        this(admin, new ReadOnlyKafka(admin, timeoutMs), new OffsetReset(), endpoint, timeoutMs);
    }

    private KafkaConnector(Admin admin, ReadOnlyKafka reads, OffsetReset reset, String endpoint, int timeoutMs) {
        super(KafkaConnectorFactory.ACTIONS, new Session(reads, reset, endpoint), new Writer(admin, reads, reset, timeoutMs));
        this.admin = admin;
    }

    @Override
    public String endpoint() {
        return session().endpoint();
    }

    @Override
    protected synchronized <T> T aroundReadOnly(ActionSpec action, Args args, Call<T> call) throws Exception {
        try {
            return call.run();
        } catch (Exception e) {
            throw KafkaPermissions.translate(e);
        }
    }

    @Override
    protected synchronized Observation aroundWrite(ActionSpec action, Call<Observation> call) throws Exception {
        return call.run();
    }

    @Override
    public void close() {
        admin.close(Duration.ofMillis(500));
    }
}
