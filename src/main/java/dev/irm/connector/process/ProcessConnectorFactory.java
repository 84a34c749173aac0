package dev.irm.connector.process;

import java.util.List;
import dev.irm.connector.Actions;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.Connector;
import dev.irm.connector.Param;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import dev.irm.connector.logs.LogScan;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The app run as a plain process on this host (seed 000 §3.1 tails
 * {@code /var/log/hhplus/application.log}): its log file, read like the Docker and Kubernetes
 * logs, so heartbeats and error lines work for an app that is not in a container. Nothing to
 * connect to: a missing or unreadable file is the step's answer ({@code exists = false}).
 */
public final class ProcessConnectorFactory extends BaseConnectorFactory {
    private static final String T = "process";
    static final Actions<Duration, Void> ACTIONS = Actions.<Duration, Void>of(T)
            .read("logs", "lines of a local log file in a time window: matches of a pattern, age of the newest,"
                            + " how long it has been missing; exists (false: no such file)", (timeout, a) -> LogFile.logs(a, timeout),
                    Stream.concat(Stream.of(Param.required("file", "absolute path of the app's log file (variable app_log)")
                            .checkedBy(LogFile::checkPath)), Stream.of(LogScan.params())).toArray(Param[]::new));

    public ProcessConnectorFactory() {
        super(T, 70, List.of(), ACTIONS.specs());
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        return new ProcessConnector(settings.timeout());
    }

    @Override
    public String describe(TargetSettings settings) {
        return "local log files";
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "unknown-outage";
    }
}
