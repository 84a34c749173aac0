package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One-shot stats samples of the containers, and the last one of each kept for this connection. The engine
 * answers a one-shot at once when its collector is idle, else at its next tick (it samples every second);
 * {@code stream=false} waits for two ticks (~2 s). CPU is the delta between two samples, so it takes two
 * one-shots (~1 s), or one if a sample of the same container was taken in the last {@link #REUSABLE}
 * (app-oom's memory check runs before unknown-outage's CPU check in one diagnose). A sample still being
 * taken is waited for, not asked again: a diagnose takes the first ones when the connection opens
 * ({@link DockerConnector#expect}), so the CPU check waits only for what is left of the engine's tick.
 */
final class StatsSamples {
    static final Duration REUSABLE = Duration.ofSeconds(2);
    private static final int MOST_TRIES = 3;

    private final ReadOnlyDocker docker;
    private final Map<String, Taken> last = new ConcurrentHashMap<>();

    StatsSamples(ReadOnlyDocker docker) {
        this.docker = docker;
    }

    private record Taken(CompletableFuture<JsonNode> sample, long atNanos) {
    }

    /** The most one-shot requests a stats read makes per container: one for memory, for CPU the tries after it too. */
    static int mostRequests(boolean withCpu) {
        return withCpu ? 1 + MOST_TRIES : 1;
    }

    /** A sample of the container no older than {@link #REUSABLE}, taken now if there is none. */
    JsonNode recent(String id, Duration deadline) throws Exception {
        Taken t = last.get(id);
        if (t != null && System.nanoTime() - t.atNanos < REUSABLE.toNanos()) {
            try {
                return t.sample.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // that one failed or hangs: this read asks for itself
            }
        }
        return fresh(id, deadline);
    }

    /** A sample newer than {@code earlier} (the engine's own read time differs), for a CPU delta. */
    JsonNode after(String id, JsonNode earlier, Duration deadline) throws Exception {
        JsonNode next = fresh(id, deadline);
        for (int tries = 1; tries < MOST_TRIES && next.path("read").asText().equals(earlier.path("read").asText()); tries++) {
            next = fresh(id, deadline);
        }
        return next;
    }

    private JsonNode fresh(String id, Duration deadline) throws Exception {
        CompletableFuture<JsonNode> taking = new CompletableFuture<>();
        last.put(id, new Taken(taking, System.nanoTime()));
        try {
            JsonNode sample = docker.get("/containers/" + id + "/stats?stream=false&one-shot=true", deadline);
            taking.complete(sample);
            return sample;
        } catch (Exception | Error e) {
            taking.completeExceptionally(e);
            throw e;
        }
    }

    /** CPU in % of one core between two samples, as {@code docker stats} computes it (0 when they are the same). */
    static double cpuPercent(JsonNode before, JsonNode after) {
        JsonNode a = before.path("cpu_stats");
        JsonNode b = after.path("cpu_stats");
        double cpuDelta = b.path("cpu_usage").path("total_usage").asDouble(0) - a.path("cpu_usage").path("total_usage").asDouble(0);
        double sysDelta = b.path("system_cpu_usage").asDouble(0) - a.path("system_cpu_usage").asDouble(0);
        long cpus = b.path("online_cpus").asLong(Math.max(1, b.path("cpu_usage").path("percpu_usage").size()));
        return sysDelta > 0 && cpuDelta > 0 ? cpuDelta / sysDelta * cpus * 100.0 : 0.0;
    }
}
