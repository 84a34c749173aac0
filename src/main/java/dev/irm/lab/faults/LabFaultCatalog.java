package dev.irm.lab.faults;

import dev.irm.lab.LabFaults.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one map from runbook id to the fault that produces it in the lab, and, for every other built-in
 * runbook, why the lab cannot produce it. A new fault is one class and one line here.
 */
public final class LabFaultCatalog {
    private static final Map<String, Fault> FAULTS = new LinkedHashMap<>();
    private static final Map<String, String> NOT_BREAKABLE = new LinkedHashMap<>();

    static {
        Stream.of(new RedisOom(), ServiceStopped.redis(), new DbPoolExhaustion(), new PaymentDuplicates(), new QueueStall(),
                new AppSchedulers(), new KafkaLag(), ServiceStopped.kafkaBroker(), new AppOom(), new ErrorSurge(),
                new CircuitBreakerOpen(), new CacheStampede()).forEach(f -> FAULTS.put(f.runbook(), f));
        NOT_BREAKABLE.put("traffic-spike", "diagnose judges it by the app's CPU (process_cpu_usage above 70 % of the machine); a bounded"
                + " load sent from the same machine shares its cores with the app and cannot hold it there");
        NOT_BREAKABLE.put("rollback", "Kubernetes only (kubectl rollout history/undo): the lab has no cluster");
        NOT_BREAKABLE.put("disk-full", "its check reads the filesystem of the Docker engine's data root, which the lab keeps on"
                + " the host's disk; the lab does not fill the host's disk");
        NOT_BREAKABLE.put("unknown-outage", "no single fault: it is the runbook for an outage none of the others explains");
        NOT_BREAKABLE.put("app-health", "a health round of the app, not one fault: every app fault above shows in it");
        NOT_BREAKABLE.put("redis-health", "a health round of Redis, not one fault: redis-oom and redis-down show in it");
    }

    private LabFaultCatalog() {
    }

    public static Optional<Fault> fault(String runbook) {
        return Optional.ofNullable(FAULTS.get(runbook));
    }

    /** The breakable runbooks first (in the order above), then the others with their reason. */
    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        FAULTS.values().forEach(f -> all.add(new Scenario(f.runbook(), true, f.expected(), f.note())));
        NOT_BREAKABLE.forEach((id, why) -> all.add(new Scenario(id, false, null, why)));
        return all;
    }
}
