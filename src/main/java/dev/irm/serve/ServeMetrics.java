package dev.irm.serve;

import dev.irm.engine.CheckResult;
import dev.irm.render.DiagnosePrometheus;
import dev.irm.render.Exposition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** {@code irm serve}'s own counters and the latest checks per runbook, for {@code GET /metrics}. */
final class ServeMetrics {
    private final Map<String, AtomicLong> alerts = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> diagnoses = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deliveries = new ConcurrentHashMap<>();
    private final Map<String, List<CheckResult>> latestChecks = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final int concurrency;

    ServeMetrics(int concurrency) {
        this.concurrency = concurrency;
    }

    /** outcome: accepted, deduplicated, rejected (queue full), resolved, unrouted. */
    void alert(String outcome) {
        alerts.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    long alerts(String outcome) {
        AtomicLong n = alerts.get(outcome);
        return n == null ? 0 : n.get();
    }

    void response(int code) {
        responses.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
    }

    void started() {
        int now = running.incrementAndGet();
        mostRunning.accumulateAndGet(now, Math::max);
    }

    void finished(Diagnosis d) {
        running.decrementAndGet();
        diagnoses.computeIfAbsent(d.status(), k -> new AtomicLong()).incrementAndGet();
        if (!d.checks().isEmpty()) {
            latestChecks.put(d.runbook(), d.checks());
        }
    }

    void delivered(String sink, boolean ok) {
        deliveries.computeIfAbsent(sink + "\u0000" + (ok ? "delivered" : "failed"), k -> new AtomicLong()).incrementAndGet();
    }

    String exposition(int queued) {
        Exposition out = new Exposition();
        out.family("irm_serve_alerts_total", "counter", "Firing and resolved alerts received, by what became of them.");
        new TreeMap<>(alerts).forEach((k, v) -> out.sample("irm_serve_alerts_total", Map.of("outcome", k), v.get()));
        out.family("irm_serve_http_responses_total", "counter", "Answers to POST /alerts, by HTTP status.");
        new TreeMap<>(responses).forEach((k, v) -> out.sample("irm_serve_http_responses_total", Map.of("code", String.valueOf(k)), v.get()));
        out.family("irm_serve_diagnoses_total", "counter", "Diagnoses finished, by overall status.");
        new TreeMap<>(diagnoses).forEach((k, v) -> out.sample("irm_serve_diagnoses_total", Map.of("status", k), v.get()));
        out.family("irm_serve_sink_deliveries_total", "counter", "Posts to the sinks, by sink and outcome.");
        new TreeMap<>(deliveries).forEach((k, v) -> {
            String[] parts = k.split("\u0000", 2);
            out.sample("irm_serve_sink_deliveries_total", Map.of("sink", parts[0], "outcome", parts[1]), v.get());
        });
        out.family("irm_serve_diagnoses_running", "gauge", "Diagnoses running now.");
        out.sample("irm_serve_diagnoses_running", Map.of(), running.get());
        out.family("irm_serve_diagnoses_running_max", "gauge", "Most diagnoses that ever ran at once (never above the concurrency).");
        out.sample("irm_serve_diagnoses_running_max", Map.of(), mostRunning.get());
        out.family("irm_serve_concurrency", "gauge", "Configured number of diagnoses that may run at once.");
        out.sample("irm_serve_concurrency", Map.of(), concurrency);
        out.family("irm_serve_queue_length", "gauge", "Alerts waiting for a diagnosis slot.");
        out.sample("irm_serve_queue_length", Map.of(), queued);
        List<CheckResult> latest = new ArrayList<>();
        new TreeMap<>(latestChecks).values().forEach(latest::addAll);
        DiagnosePrometheus.checks(out, latest);
        return out.text();
    }
}
