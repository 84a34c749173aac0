package dev.irm.connector.process;

import dev.irm.connector.DeclaredConnector;
import java.time.Duration;

/** Read-only: the process target declares no write action, so it has no writer (null). Its reads need only the time they may take. */
final class ProcessConnector extends DeclaredConnector<Duration, Void> {
    ProcessConnector(Duration timeout) {
        super(ProcessConnectorFactory.ACTIONS, timeout, null);
    }

    @Override
    public String endpoint() {
        return "local log files";
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
