package dev.irm.connector.k8s;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.connector.logs.EvidenceBundle;
import dev.irm.connector.logs.LogScan;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The unknown-outage evidence bundle from a namespace: pods, deployments, warning events, metrics and the services' recent logs. */
final class K8sEvidence {
    private K8sEvidence() {
    }

    static Observation collect(ReadOnlyCluster k8s, Args args, String endpoint) throws Exception {
        EvidenceBundle bundle = EvidenceBundle.create(args, "k8s");
        Observation pods = K8sReads.pods(k8s, Args.of());
        bundle.json("pods.json", Map.of("endpoint", endpoint, "at", Instant.now().toString(), "summary", pods.metrics(), "pods", pods.rows()));
        bundle.json("deployments.json", K8sReads.deployments(k8s, Args.of()).rows());
        bundle.json("events.json", K8sReads.events(k8s, Args.of("since", args.string("since", "30m"))).rows());
        bundle.json("metrics.json", K8sReads.podMetrics(k8s, Args.of()).rows());
        int since = (int) LogScan.window(args).toSeconds();
        long lines = 0;
        List<PodFacts> all = k8s.podFacts(null);
        for (String service : EvidenceBundle.services(args)) {
            List<PodFacts> chosen = all.stream().filter(p -> matches(p, service)).toList();
            if (chosen.isEmpty()) {
                bundle.missing(service);
            }
            for (PodFacts p : chosen) {
                String name = p.name();
                String log;
                try {
                    log = k8s.log(name, p.container(), since, 100_000, false);
                } catch (KubernetesClientException e) {
                    log = "(log not readable: HTTP " + e.getCode() + ")";
                }
                bundle.log(name, log == null ? "" : log);
                lines += K8sReads.text(log).size();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(bundle.metrics());
        m.put("pods", pods.metrics().get("count"));
        m.put("log_lines", lines);
        return Observation.of(m);
    }

    private static boolean matches(PodFacts p, String service) {
        return service.equals(p.labels().get("app")) || service.equals(p.labels().get("app.kubernetes.io/name")) || p.name().contains(service);
    }
}
