package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.logs.LogWindow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The only door diagnostics have to the engine: GET requests, nothing else. The connector lives for one command,
 * so the container list, each container's inspect and each container's log are read once and reused by every
 * later step (a dozen steps judge the same app container); {@link #forget()} drops them after a write.
 */
final class ReadOnlyDocker {
    private final DockerApi api;
    private final StatsSamples samples = new StatsSamples(this);
    private final Map<String, CompletableFuture<Object>> reads = new ConcurrentHashMap<>();
    private final Map<String, LogWindow> logs = new ConcurrentHashMap<>();

    ReadOnlyDocker(DockerApi api) {
        this.api = api;
    }

    StatsSamples samples() {
        return samples;
    }

    Duration timeout() {
        return api.timeout();
    }

    void forget() {
        reads.clear();
        logs.clear();
    }

    /**
     * The first caller of a key reads; a caller meanwhile (the stats sampler runs in the background while the first
     * steps do) waits for that read instead of sending its own. A failed read is not kept: the next step tries again.
     * The wait is bounded by the reader's own deadline.
     */
    @SuppressWarnings("unchecked")
    private <T> T once(String key, Callable<T> fetch) throws Exception {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> kept = reads.putIfAbsent(key, mine);
        if (kept != null) {
            try {
                return (T) kept.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        try {
            T value = fetch.call();
            mine.complete(value);
            return value;
        } catch (Exception | Error e) {
            reads.remove(key, mine);
            mine.completeExceptionally(e); // a waiter gets the same cause (refused, timeout, 403)
            throw e;
        }
    }

    JsonNode get(String path) throws Exception {
        return api.get(path);
    }

    JsonNode get(String path, Duration deadline) throws Exception {
        return api.get(path, deadline);
    }

    byte[] raw(String path, Duration deadline) throws Exception {
        return api.raw(path, deadline);
    }

    /** The selected containers, inspected (inspect holds what the list lacks: OOMKilled, RestartCount, limits). */
    List<ContainerInfo> containers(Args args) throws Exception {
        List<ContainerInfo> out = new ArrayList<>();
        for (String id : ContainerSelector.select(once("containers", () -> get("/containers/json?all=1")), args)) {
            out.add(once("inspect\u0000" + id, () -> inspect(id)));
        }
        return out;
    }

    /** A fresh inspect (what a write's result shows), not the command's snapshot. */
    ContainerInfo inspect(String idOrName) throws Exception {
        return ContainerInfo.of(get("/containers/" + encode(idOrName) + "/json"));
    }

    /**
     * Timestamped log lines of one container in the last {@code sinceSeconds}, at most {@code tail}: read once per
     * command for the widest window asked so far; a narrower window is cut from it ({@link LogWindow}).
     */
    List<String> log(ContainerInfo c, int sinceSeconds, int tail) throws Exception {
        String key = "log\u0000" + c.id();
        LogWindow kept = logs.get(key);
        if (kept != null && kept.covers(sinceSeconds, tail)) {
            return DockerReads.textLines(kept.cut(sinceSeconds, tail, Instant.now()).getBytes(StandardCharsets.UTF_8));
        }
        long since = Instant.now().minusSeconds(sinceSeconds).getEpochSecond();
        byte[] body = raw("/containers/" + encode(c.id()) + "/logs?stdout=1&stderr=1&timestamps=1&since=" + since + "&tail=" + tail,
                timeout().multipliedBy(5));
        List<String> lines = c.tty() ? DockerReads.textLines(body) : DockerReads.demultiplex(body);
        LogWindow read = new LogWindow(sinceSeconds, tail, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
        logs.merge(key, read, (old, fresh) -> old.covers(fresh.sinceSeconds(), fresh.tail()) ? old : fresh);
        return lines;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
