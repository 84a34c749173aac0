package dev.irm.connector.k8s;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.logs.LogScan;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Read actions of the Kubernetes connector; everything goes through {@link ReadOnlyCluster}. */
final class K8sReads {
    static final String REVISION = "deployment.kubernetes.io/revision";

    private K8sReads() {
    }

    /** Desired, ready and available replicas of one deployment or of those a selector picks. */
    static Observation deployments(ReadOnlyCluster k8s, Args args) {
        List<DeploymentView> found = args.has("deployment")
                ? java.util.stream.Stream.of(k8s.deploymentView(args.string("deployment"))).filter(Objects::nonNull).toList()
                : k8s.deployments(args.string("selector", null));
        long desired = 0;
        long ready = 0;
        long available = 0;
        long unavailable = 0;
        List<String> degraded = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DeploymentView d : found) {
            desired += d.desired();
            ready += d.ready();
            available += d.available();
            unavailable += Math.max(0, d.desired() - d.available());
            if (d.available() < d.desired()) {
                degraded.add(d.name());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("deployment", d.name());
            row.put("desired", d.desired());
            row.put("ready", d.ready());
            row.put("available", d.available());
            row.put("updated", d.updated());
            row.put("revision", annotation(d.annotations(), REVISION));
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", k8s.namespace());
        m.put("count", (long) found.size());
        m.put("desired", desired);
        m.put("ready", ready);
        m.put("available", available);
        m.put("unavailable", unavailable);
        m.put("degraded", (long) degraded.size());
        m.put("degraded_names", String.join(", ", degraded));
        return Observation.of(m, rows);
    }

    /** Pods by label: restarts, OOMKilled last states, CrashLoopBackOff, memory limits and requests. */
    static Observation pods(ReadOnlyCluster k8s, Args args) {
        List<PodFacts> pods = k8s.podFacts(args.string("selector", null));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", k8s.namespace());
        m.put("selector", args.string("selector", ""));
        m.put("count", (long) pods.size());
        m.put("running", pods.stream().filter(p -> "Running".equals(p.phase())).count());
        m.put("not_ready", pods.stream().filter(p -> !p.ready()).count());
        m.put("restarts_total", pods.stream().mapToLong(PodFacts::restarts).sum());
        m.put("max_restarts", pods.stream().mapToLong(PodFacts::restarts).max().orElse(0));
        m.put("oom_killed", pods.stream().filter(PodFacts::oomKilled).count());
        m.put("crash_loop", pods.stream().filter(PodFacts::crashLoop).count());
        m.put("limited", pods.stream().filter(PodFacts::limited).count());
        m.put("unlimited", pods.stream().filter(p -> !p.limited()).count());
        m.put("min_memory_limit", pods.stream().mapToLong(PodFacts::memoryLimit).filter(l -> l > 0).min().orElse(0));
        m.put("min_memory_request", pods.stream().mapToLong(PodFacts::memoryRequest).filter(l -> l > 0).min().orElse(0));
        m.put("oom_names", names(pods.stream().filter(PodFacts::oomKilled).toList()));
        m.put("crash_names", names(pods.stream().filter(PodFacts::crashLoop).toList()));
        return Observation.of(m, pods.stream().map(PodFacts::row).toList());
    }

    /** At most this many pods' logs are read per step (restarted and not-ready pods first, then the longest running). */
    static final int MAX_LOG_PODS = 50;
    private static final int LOG_READERS = 8;

    /**
     * Log lines of the selected pods in a window (plus the previous instance of restarted ones), judged by {@link LogScan}.
     * Logs are read by a few threads at once; with more than {@value #MAX_LOG_PODS} pods only that many are read
     * ({@code pods_read} of {@code pods_total}, {@code capped}).
     */
    static Observation logs(ReadOnlyCluster k8s, Args args) throws InterruptedException {
        Instant now = Instant.now();
        int since = (int) Math.max(1, LogScan.window(args).toSeconds());
        int tail = LogScan.tail(args);
        List<PodFacts> all = args.has("pod") ? java.util.stream.Stream.of(k8s.pod(args.string("pod"))).filter(Objects::nonNull).toList()
                : k8s.podFacts(args.string("selector", null));
        List<PodFacts> chosen = all.stream().sorted(LOG_FIRST).limit(MAX_LOG_PODS).toList();
        List<PodLog> read = readLogs(k8s, chosen, args, since, tail);
        List<LogScan.Line> lines = new ArrayList<>();
        boolean truncated = false;
        Instant watched = null;
        long unreadable = 0;
        for (PodLog log : read) {
            if (log.lines() == null) {
                unreadable++; // e.g. still pending: no container to read yet
                continue;
            }
            truncated |= log.truncated();
            log.lines().forEach(l -> lines.add(LogScan.parse(log.pod().name(), l)));
            Instant started = log.pod().startedAt();
            if (started != null && (watched == null || started.isBefore(watched))) {
                watched = started;
            }
        }
        List<Map<String, Object>> sample = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pods", (long) chosen.size() - unreadable);
        m.put("unreadable", unreadable);
        m.put("pods_read", (long) chosen.size());
        m.put("pods_total", (long) all.size());
        m.put("capped", chosen.size() < all.size());
        m.putAll(LogScan.judge(lines, args, now, watched == null ? now : watched, truncated, sample));
        return new Observation(m, sample, LogScan.excerpt(sample));
    }

    /** Restarted, then not-ready pods first (where a crash shows), then the oldest (whose logs cover the window). */
    private static final Comparator<PodFacts> LOG_FIRST = Comparator.comparing((PodFacts p) -> p.restarts() == 0)
            .thenComparing(PodFacts::ready)
            .thenComparing(p -> p.startedAt() == null ? Instant.MAX : p.startedAt())
            .thenComparing(PodFacts::name);

    private record PodLog(PodFacts pod, List<String> lines, boolean truncated) {
    }

    private static List<PodLog> readLogs(ReadOnlyCluster k8s, List<PodFacts> pods, Args args, int since, int tail)
            throws InterruptedException {
        if (pods.isEmpty()) {
            return List.of();
        }
        ExecutorService readers = Executors.newFixedThreadPool(Math.min(LOG_READERS, pods.size()), r -> {
            Thread t = new Thread(r, "irm-k8s-logs");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Callable<PodLog>> tasks = pods.stream().<Callable<PodLog>>map(p -> () -> readLog(k8s, p, args, since, tail)).toList();
            List<PodLog> out = new ArrayList<>();
            for (Future<PodLog> f : readers.invokeAll(tasks)) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            return out;
        } finally {
            readers.shutdownNow();
        }
    }

    private static PodLog readLog(ReadOnlyCluster k8s, PodFacts facts, Args args, int since, int tail) {
        String container = args.string("container", facts.container());
        List<String> raw;
        try {
            raw = new ArrayList<>(text(k8s.log(facts.name(), container, since, tail, false)));
        } catch (KubernetesClientException e) {
            return new PodLog(facts, null, false);
        }
        boolean truncated = raw.size() >= tail;
        if (facts.restarts() > 0) {
            raw.addAll(previous(k8s, facts.name(), container, since, tail));
        }
        return new PodLog(facts, raw, truncated);
    }

    private static List<String> previous(ReadOnlyCluster k8s, String pod, String container, int since, int tail) {
        try {
            return text(k8s.log(pod, container, since, tail, true));
        } catch (KubernetesClientException e) {
            return List.of(); // the previous instance's log is gone (node rotated it)
        }
    }

    static List<String> text(String log) {
        return log == null ? List.of() : log.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Warning events of the namespace in a window: OOM kills, back-offs, failed scheduling or probes. */
    static Observation events(ReadOnlyCluster k8s, Args args) {
        Instant from = Instant.now().minus(LogScan.window(args));
        List<Map<String, Object>> rows = new ArrayList<>();
        long oom = 0;
        long backoff = 0;
        long total = 0;
        for (EventView e : k8s.events()) {
            Instant last = e.lastSeen();
            if (!"Warning".equals(e.type()) || (last != null && last.isBefore(from))) {
                continue;
            }
            long count = e.count();
            total += count;
            String reason = e.reason();
            String message = e.message();
            if (reason.startsWith("OOM") || message.contains("OOMKilled")) {
                oom += count;
            }
            if (reason.equals("BackOff") || reason.equals("CrashLoopBackOff")) {
                backoff += count;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("reason", reason);
            row.put("object", e.object());
            row.put("count", count);
            row.put("last_seen", last == null ? "" : last.toString());
            row.put("message", message.length() > 200 ? message.substring(0, 200) + "…" : message);
            rows.add(row);
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> r.get("last_seen").toString()).reversed());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warnings", total);
        m.put("kinds", (long) rows.size());
        m.put("oom_events", oom);
        m.put("backoff_events", backoff);
        m.put("latest_reason", rows.isEmpty() ? "" : rows.get(0).get("reason"));
        return Observation.of(m, rows.subList(0, Math.min(20, rows.size())));
    }

    /** ReplicaSets of a deployment by revision: what {@code kubectl rollout history} shows, with images and age. */
    static Observation rolloutHistory(ReadOnlyCluster k8s, Args args) {
        String name = args.string("deployment");
        DeploymentView d = k8s.deploymentView(name);
        if (d == null) {
            throw new IllegalArgumentException("no deployment " + name + " in namespace " + k8s.namespace());
        }
        List<ReplicaSetView> history = history(k8s, name);
        long current = d.revision();
        Instant now = Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        long previous = 0;
        long currentAge = -1;
        for (ReplicaSetView rs : history) {
            long rev = rs.revision();
            if (rev < current) {
                previous = Math.max(previous, rev);
            }
            Instant created = rs.created() == null ? null : Instant.parse(rs.created());
            if (rev == current && created != null) {
                currentAge = Duration.between(created, now).toSeconds();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("revision", rev);
            row.put("replicaset", rs.name());
            row.put("images", rs.images());
            row.put("replicas", rs.replicas());
            row.put("created", created == null ? "" : created.toString());
            row.put("change_cause", annotation(rs.annotations(), "kubernetes.io/change-cause"));
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", name);
        m.put("revisions", (long) rows.size());
        m.put("current_revision", current);
        m.put("previous_revision", previous);
        m.put("current_age_s", currentAge);
        m.put("current_images", d.images());
        return Observation.of(m, rows);
    }

    /** The deployment's ReplicaSets (by owner reference), oldest revision first. */
    static List<ReplicaSetView> history(ReadOnlyCluster k8s, String deployment) {
        List<ReplicaSetView> out = new ArrayList<>(k8s.replicaSets().stream().filter(rs -> rs.ownerDeployments().contains(deployment)).toList());
        out.sort(Comparator.comparingLong(ReplicaSetView::revision));
        return out;
    }

    /** Memory and CPU from the metrics API against the pods' limits; {@code available} is false when no metrics server answers. */
    static Observation podMetrics(ReadOnlyCluster k8s, Args args) {
        String selector = args.string("selector", null);
        Map<String, Object> m = new LinkedHashMap<>();
        List<PodUsage> metrics;
        try {
            metrics = k8s.podMetrics(selector);
        } catch (KubernetesClientException e) {
            m.put("available", false);
            m.put("reason", e.getCode() == 404 ? "metrics API not installed (metrics-server)" : "metrics API: HTTP " + e.getCode());
            m.put("count", 0L);
            m.put("limited", 0L);
            m.put("max_mem_pct", 0.0);
            m.put("max_mem_pod", "");
            m.put("max_mem_bytes", 0L);
            return Observation.of(m);
        }
        Map<String, PodFacts> facts = new LinkedHashMap<>();
        k8s.podFacts(selector).forEach(f -> facts.put(f.name(), f));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PodUsage pm : metrics) {
            long mem = pm.memory();
            double cpu = pm.cpu();
            PodFacts f = facts.get(pm.pod());
            boolean limited = f != null && f.limited();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pod", pm.pod());
            row.put("mem_usage", mem);
            row.put("mem_limit", f == null ? 0L : f.memoryLimit());
            row.put("limited", limited);
            row.put("mem_pct", limited ? round(mem * 100.0 / f.memoryLimit()) : 0.0);
            row.put("cpu_cores", Math.round(cpu * 1000) / 1000.0);
            rows.add(row);
        }
        rows.sort(Comparator.comparingDouble((Map<String, Object> r) -> (Double) r.get("mem_pct")).reversed());
        List<Map<String, Object>> limited = rows.stream().filter(r -> (Boolean) r.get("limited")).toList();
        m.put("available", true);
        m.put("reason", "");
        m.put("count", (long) rows.size());
        m.put("limited", (long) limited.size());
        m.put("max_mem_pct", limited.isEmpty() ? 0.0 : limited.get(0).get("mem_pct"));
        m.put("max_mem_pod", limited.isEmpty() ? "" : limited.get(0).get("pod"));
        m.put("max_mem_bytes", rows.stream().mapToLong(r -> (Long) r.get("mem_usage")).max().orElse(0));
        return Observation.of(m, rows);
    }

    static long revision(Map<String, String> annotations) {
        try {
            return Long.parseLong(annotation(annotations, REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String annotation(Map<String, String> annotations, String key) {
        return annotations == null || annotations.get(key) == null ? "" : annotations.get(key);
    }

    private static String names(List<PodFacts> pods) {
        return String.join(", ", pods.stream().map(PodFacts::name).toList());
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
