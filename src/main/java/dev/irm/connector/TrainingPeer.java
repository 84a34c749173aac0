package dev.irm.connector;

import java.io.IOException;
import java.util.Map;

/**
 * Only for the AppCDS training run ({@code dev.irm.CdsTraining}): a loopback peer that answers a target's
 * protocol with small, well-formed replies, so the archive also holds the classes that read replies (the
 * client's and irm's). Not a server: nothing is stored or checked, and no test judges irm against one.
 */
public interface TrainingPeer extends AutoCloseable {
    /** The target's settings that point at this peer, keyed as {@link ConnectorFactory#settings()}. */
    Map<String, String> settings();

    @Override
    void close() throws IOException;
}
