package io.hhplus.concert.scheduler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Which schedulers are stopped (the lab's "stop a scheduler" fault): a stopped one runs and logs nothing. */
@Component
public class SchedulerSwitch {
    public static final Set<String> NAMES = Set.of("queue", "seat-hold", "queue-token", "reservation",
            "payment-timeout", "status", "daily");
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();

    public boolean running(String name) {
        return !stopped.contains(name);
    }

    public void stop(String name) {
        require(name);
        stopped.add(name);
    }

    public void start(String name) {
        require(name);
        stopped.remove(name);
    }

    public void reset() {
        stopped.clear();
    }

    public Set<String> stopped() {
        return Set.copyOf(stopped);
    }

    private static void require(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no scheduler '" + name + "'; one of " + NAMES);
        }
    }
}
