package dev.irm.connector.process;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.time.Duration;

/** Read-only: the process target has no write action. */
final class ProcessConnector implements Connector {
    private final Duration timeout;

    ProcessConnector(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String endpoint() {
        return "local log files";
    }

    @Override
    public Observation read(String action, Args args) throws Exception {
        if (!"logs".equals(action)) {
            throw new IllegalArgumentException("process has no read action '" + action + "'");
        }
        return LogFile.logs(args, timeout);
    }

    @Override
    public Preview preview(String action, Args args) {
        throw new IllegalArgumentException("process has no write action '" + action + "'");
    }

    @Override
    public Observation write(String action, Args args, Consent consent) {
        throw new IllegalArgumentException("process has no write action '" + action + "'");
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
