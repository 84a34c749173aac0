package dev.irm.lab.faults;

import dev.irm.lab.LabFaults.Scenario;
import dev.irm.support.BoundedInput;
import dev.irm.support.IrmException;
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
                new CircuitBreakerOpen(), new CacheStampede(), new TrafficSpike(), new DiskFull()).forEach(f -> FAULTS.put(f.runbook(), f));
        NOT_BREAKABLE.put("rollback", "Kubernetes only (kubectl rollout history/undo): the lab has no cluster");
        NOT_BREAKABLE.put("unknown-outage", "no single fault: it is the runbook for an outage none of the others explains");
        NOT_BREAKABLE.put("app-health", "a health round of the app, not one fault: every app fault above shows in it");
        NOT_BREAKABLE.put("redis-health", "a health round of Redis, not one fault: redis-oom and redis-down show in it");
    }

    private LabFaultCatalog() {
    }

    public static Optional<Fault> fault(String runbook) {
        return Optional.ofNullable(FAULTS.get(runbook));
    }

    /**
     * The fault of {@code runbook}, for break, heal and drill alike: a usage error (exit 64) naming the scenario
     * when it is no runbook, or one the lab cannot produce (with why not).
     */
    public static Fault require(String runbook) {
        Fault fault = FAULTS.get(runbook);
        if (fault != null) {
            return fault;
        }
        String why = NOT_BREAKABLE.get(runbook);
        throw IrmException.usage(why != null ? runbook + " is not breakable in the lab: " + why
                : "unknown scenario '" + BoundedInput.echo(runbook) + "' (breakable here: " + String.join(", ", FAULTS.keySet())
                + "; irm lab break --list shows them all)");
    }

    /** The breakable runbooks first (in the order above), then the others with their reason. */
    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        FAULTS.values().forEach(f -> all.add(new Scenario(f.runbook(), true, f.notDrillable() == null, f.expected(), f.foundAs(),
                f.notDrillable() == null ? f.note() : "no drill: " + f.notDrillable())));
        NOT_BREAKABLE.forEach((id, why) -> all.add(new Scenario(id, false, false, null, null, why)));
        return all;
    }
}
