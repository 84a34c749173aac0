package dev.irm.lab.faults;

import dev.irm.lab.Lab;
import java.net.URI;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * redis-down and kafka-broker-down: the part's process is stopped (SIGSTOP, found by its listening port):
 * nothing answers until heal sends SIGCONT. Pid, data and port stay the lab's.
 */
final class ServiceStopped implements Fault {
    private final String runbook;
    private final String part;
    private final String labPart;
    private final ToIntFunction<LabAccess> port;

    private ServiceStopped(String runbook, String part, String labPart, ToIntFunction<LabAccess> port) {
        this.runbook = runbook;
        this.part = part;
        this.labPart = labPart;
        this.port = port;
    }

    static ServiceStopped redis() {
        return new ServiceStopped("redis-down", "Redis", Lab.REDIS, lab -> lab.redisAddress().getPort());
    }

    static ServiceStopped kafkaBroker() {
        return new ServiceStopped("kafka-broker-down", "the Kafka broker", Lab.KAFKA,
                lab -> URI.create("kafka://" + lab.kafkaBootstrap().split(",")[0].trim()).getPort());
    }

    public String runbook() {
        return runbook;
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "SIGSTOP to " + part + " (the process listening on its port): nothing answers until SIGCONT";
    }

    public Map<String, String> inject(LabAccess lab) {
        long pid = FrozenProcess.listeningOn(port.applyAsInt(lab));
        FrozenProcess.requireOwnedBy(pid, lab.partProcess(labPart), part);
        FrozenProcess.signal(pid, "STOP");
        return Map.of("pid", Long.toString(pid));
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        String pid = remembered.get("pid");
        if (pid != null) {
            FrozenProcess.signal(Long.parseLong(pid), "CONT");
        }
    }
}
