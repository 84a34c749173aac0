package dev.irm.connector.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.logs.LogScan;
import dev.irm.support.Workers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Read actions of the Docker connector; every request goes through {@link ReadOnlyDocker}. */
final class DockerReads {
    private DockerReads() {
    }

    /** State, health, restarts and OOM kills of the selected containers, summed up for checks. */
    static Observation containers(ReadOnlyDocker docker, Args args) throws Exception {
        Instant now = Instant.now();
        List<ContainerInfo> all = docker.containers(args);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selector", ContainerSelector.describe(args));
        m.put("count", (long) all.size());
        m.put("running", all.stream().filter(ContainerInfo::running).count());
        m.put("not_running", all.stream().filter(c -> !c.running()).count());
        m.put("restarting", all.stream().filter(c -> "restarting".equals(c.state())).count());
        m.put("unhealthy", all.stream().filter(c -> "unhealthy".equals(c.health())).count());
        m.put("oom_killed", all.stream().filter(ContainerInfo::oomKilled).count());
        m.put("exit_137", all.stream().filter(c -> !c.running() && c.exitCode() == 137).count());
        m.put("restarts_total", all.stream().mapToLong(ContainerInfo::restartCount).sum());
        m.put("max_restarts", all.stream().mapToLong(ContainerInfo::restartCount).max().orElse(0));
        m.put("limited", all.stream().filter(c -> c.memoryLimit() > 0).count());
        m.put("min_memory_limit", all.stream().mapToLong(ContainerInfo::memoryLimit).filter(l -> l > 0).min().orElse(0));
        m.put("oom_names", names(all.stream().filter(ContainerInfo::oomKilled).toList()));
        m.put("down_names", names(all.stream().filter(c -> !c.running()).toList()));
        m.put("names", names(all));
        return Observation.of(m, all.stream().map(c -> c.row(now)).toList());
    }

    /** One container: {@code State.OOMKilled}, {@code RestartCount}, exit code, memory limit, uptime. */
    static Observation inspect(ReadOnlyDocker docker, Args args) throws Exception {
        List<ContainerInfo> found = docker.containers(args);
        if (found.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("exists", false);
            m.put("selector", ContainerSelector.describe(args));
            return Observation.of(m);
        }
        ContainerInfo c = found.get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exists", true);
        m.putAll(c.row(Instant.now()));
        m.put("running", c.running());
        m.put("started_at", c.startedAt() == null ? "" : c.startedAt().toString());
        return Observation.of(m);
    }

    /**
     * Stats of the selected running containers, fetched in parallel: memory from one recent one-shot sample,
     * CPU (the default) from that and the next one ({@link StatsSamples}), the same delta {@code docker stats} shows.
     */
    static Observation stats(ReadOnlyDocker docker, Args args) throws Exception {
        List<ContainerInfo> running = docker.containers(args).stream().filter(ContainerInfo::running).toList();
        boolean withCpu = args.flag("cpu", true);
        Duration deadline = statsDeadline(docker);
        List<Future<Map<String, Object>>> pending = new ArrayList<>();
        for (ContainerInfo c : running) {
            pending.add(Workers.submit(() -> {
                JsonNode first = docker.samples().recent(c.id(), deadline);
                if (!withCpu) {
                    return statsRow(c, first, null);
                }
                JsonNode second = docker.samples().after(c.id(), first, deadline);
                return statsRow(c, second, StatsSamples.cpuPercent(first, second));
            }));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long waitMs = StatsSamples.mostRequests(withCpu) * (deadline.toMillis() + 200);
        for (Future<Map<String, Object>> row : pending) {
            try {
                rows.add(row.get(waitMs, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        rows.sort(Comparator.comparingDouble((Map<String, Object> r) -> (Double) r.get("mem_pct")).reversed());
        List<Map<String, Object>> limited = rows.stream().filter(r -> (Boolean) r.get("limited")).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selector", ContainerSelector.describe(args));
        m.put("count", (long) rows.size());
        m.put("limited", (long) limited.size());
        m.put("max_mem_pct", limited.isEmpty() ? 0.0 : limited.get(0).get("mem_pct"));
        m.put("max_mem_container", limited.isEmpty() ? "" : limited.get(0).get("name"));
        m.put("max_mem_bytes", rows.stream().mapToLong(r -> (Long) r.get("mem_usage")).max().orElse(0));
        if (withCpu) {
            m.put("max_cpu_pct", rows.stream().mapToDouble(r -> (Double) r.get("cpu_pct")).max().orElse(0));
        }
        return Observation.of(m, rows);
    }

    private static Duration statsDeadline(ReadOnlyDocker docker) {
        return docker.timeout().plusSeconds(2);
    }

    /** One sample of each running container a stats read will judge, taken ahead of it (see {@link StatsSamples}). */
    static void firstSamples(ReadOnlyDocker docker, Args args) throws Exception {
        Duration deadline = statsDeadline(docker);
        for (ContainerInfo c : docker.containers(args)) {
            if (c.running()) {
                Workers.submit(() -> docker.samples().recent(c.id(), deadline));
            }
        }
    }

    /** A row of one container's sample; {@code cpuPct} null when CPU was not asked for. */
    private static Map<String, Object> statsRow(ContainerInfo c, JsonNode s, Double cpuPct) {
        JsonNode mem = s.path("memory_stats");
        JsonNode ms = mem.path("stats");
        // as `docker stats` does: page cache that can be dropped is not pressure (cgroup v2: inactive_file; v1: total_inactive_file)
        long cache = ms.has("inactive_file") ? ms.path("inactive_file").asLong() : ms.path("total_inactive_file").asLong(0);
        long usage = Math.max(0, mem.path("usage").asLong(0) - cache);
        long limit = c.memoryLimit() > 0 ? c.memoryLimit() : mem.path("limit").asLong(0);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", c.name());
        row.put("service", c.service());
        row.put("mem_usage", usage);
        row.put("mem_limit", limit);
        row.put("limited", c.memoryLimit() > 0);
        row.put("mem_pct", limit > 0 ? round(usage * 100.0 / limit) : 0.0);
        if (cpuPct != null) {
            row.put("cpu_pct", round(cpuPct));
        }
        return row;
    }

    /** Timestamped log lines of the selected containers in a window, judged by {@link LogScan}. */
    static Observation logs(ReadOnlyDocker docker, Args args) throws Exception {
        Instant now = Instant.now();
        Duration window = LogScan.window(args);
        int tail = LogScan.tail(args);
        List<ContainerInfo> chosen = docker.containers(args);
        List<LogScan.Line> lines = new ArrayList<>();
        boolean truncated = false;
        Instant watchedSince = null;
        int since = (int) Math.max(1, window.toSeconds());
        for (ContainerInfo c : chosen) {
            List<String> raw = docker.log(c, since, tail);
            truncated |= raw.size() >= tail;
            raw.forEach(line -> lines.add(LogScan.parse(c.name(), line)));
            if (c.created() != null && (watchedSince == null || c.created().isBefore(watchedSince))) {
                watchedSince = c.created();
            }
        }
        List<Map<String, Object>> sample = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selector", ContainerSelector.describe(args));
        m.put("containers", (long) chosen.size());
        m.putAll(LogScan.judge(lines, args, now, watchedSince == null ? now : watchedSince, truncated, sample));
        return new Observation(m, sample, LogScan.excerpt(sample));
    }

    /** The engine's multiplexed stream: 8-byte headers (stream, 0, 0, 0, big-endian length) before each frame. */
    static List<String> demultiplex(byte[] body) {
        ByteBuffer buf = ByteBuffer.wrap(body);
        StringBuilder text = new StringBuilder();
        while (buf.remaining() >= 8) {
            int start = buf.position();
            byte kind = buf.get();
            buf.position(start + 4);
            int length = buf.getInt();
            if (kind < 0 || kind > 2 || length < 0 || length > buf.remaining()) {
                buf.position(start);
                break;
            }
            text.append(new String(body, buf.position(), length, StandardCharsets.UTF_8));
            buf.position(buf.position() + length);
        }
        if (buf.hasRemaining()) {
            text.append(new String(body, buf.position(), buf.remaining(), StandardCharsets.UTF_8));
        }
        return textLines(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<String> textLines(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * {@code docker system df}, plus how full the filesystem under the engine's data root is when
     * the engine runs on this host (a unix socket), and the biggest container log files.
     */
    static Observation diskUsage(ReadOnlyDocker docker, Args args, boolean local) throws Exception {
        JsonNode df = docker.get("/system/df", docker.timeout().multipliedBy(4));
        long images = 0;
        long imagesReclaimable = 0;
        for (JsonNode image : df.path("Images")) {
            long size = image.path("Size").asLong(0);
            images += size;
            if (image.path("Containers").asLong(0) == 0) {
                imagesReclaimable += size;
            }
        }
        long containers = 0;
        for (JsonNode c : df.path("Containers")) {
            containers += c.path("SizeRw").asLong(0);
        }
        long volumes = 0;
        for (JsonNode v : df.path("Volumes")) {
            volumes += Math.max(0, v.path("UsageData").path("Size").asLong(0));
        }
        long buildCache = 0;
        for (JsonNode b : df.path("BuildCache")) {
            buildCache += b.path("Size").asLong(0);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images_bytes", images);
        m.put("images_reclaimable_bytes", imagesReclaimable);
        m.put("containers_bytes", containers);
        m.put("volumes_bytes", volumes);
        m.put("build_cache_bytes", buildCache);
        m.put("total_bytes", images + containers + volumes + buildCache);
        m.put("reclaimable_bytes", imagesReclaimable + buildCache);
        String root = docker.get("/info").path("DockerRootDir").asText("");
        m.put("root_dir", root);
        m.putAll(filesystem(local ? root : ""));
        List<Map<String, Object>> rows = new ArrayList<>();
        long logs = 0;
        if (local) {
            for (ContainerInfo c : docker.containers(Args.of())) {
                long size = fileSize(c.logPath());
                logs += Math.max(0, size);
                if (size >= 0) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("container", c.name());
                    row.put("log_bytes", size);
                    rows.add(row);
                }
            }
            rows.sort(Comparator.comparingLong((Map<String, Object> r) -> (Long) r.get("log_bytes")).reversed());
        }
        m.put("logs_bytes", local ? logs : -1L);
        m.put("biggest_log_container", rows.isEmpty() ? "" : rows.get(0).get("container"));
        m.put("biggest_log_bytes", rows.isEmpty() ? 0L : rows.get(0).get("log_bytes"));
        return Observation.of(m, rows.subList(0, Math.min(10, rows.size())));
    }

    private static Map<String, Object> filesystem(String root) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            FileStore store = root.isEmpty() ? null : Files.getFileStore(Path.of(root));
            if (store != null) {
                long total = store.getTotalSpace();
                long free = store.getUsableSpace();
                m.put("fs_total_bytes", total);
                m.put("fs_free_bytes", free);
                m.put("fs_used_pct", total > 0 ? round((total - free) * 100.0 / total) : -1.0);
                return m;
            }
        } catch (IOException | SecurityException e) {
            // remote engine or no permission: the filesystem is not ours to see
        }
        m.put("fs_total_bytes", -1L);
        m.put("fs_free_bytes", -1L);
        m.put("fs_used_pct", -1.0);
        return m;
    }

    private static long fileSize(String path) {
        try {
            return path.isEmpty() ? -1 : Files.size(Path.of(path));
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    static String names(List<ContainerInfo> list) {
        return String.join(", ", list.stream().map(ContainerInfo::name).toList());
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
