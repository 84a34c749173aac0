package dev.irm.connector.k8s;

import dev.irm.connector.Args;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scale, rollout restart, rollout undo and set resources: each previewed read-only (what changes,
 * from what to what, how many pods are replaced), then applied with a consent.
 */
final class K8sWrites {
    static final Pattern QUANTITY = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,3})?(Ki|Mi|Gi|Ti|k|M|G|T|m)?");
    static final List<String> RESOURCE_ARGS = List.of("limits_memory", "requests_memory", "limits_cpu", "requests_cpu");

    private K8sWrites() {
    }

    static Preview previewScale(ReadOnlyCluster k8s, Args args, String endpoint) {
        Deployment d = deployment(k8s, args);
        long want = replicas(args);
        int now = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        long ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        String effect = want == now ? "already at " + now + " replica(s): nothing changes"
                : want > now ? (want - now) + " pod(s) are added (" + ready + " of " + now + " ready now); each needs its requests free on a node"
                : (now - want) + " pod(s) are terminated, their in-flight requests end";
        return new Preview("kubectl scale deployment/" + name(d) + " --replicas=" + want + " -n " + k8s.namespace() + " (" + endpoint + ")",
                "deployment " + name(d) + ": replicas " + now + " → " + want + "; " + effect, Math.abs(want - now), List.of(), name(d));
    }

    static Observation scale(KubernetesClient client, ReadOnlyCluster k8s, Args args, Consent consent) {
        Deployment d = deployment(k8s, args);
        client.apps().deployments().inNamespace(k8s.namespace()).withName(name(d)).scale((int) replicas(args));
        return after(k8s, name(d));
    }

    static Preview previewRestart(ReadOnlyCluster k8s, Args args, String endpoint) {
        Deployment d = deployment(k8s, args);
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return new Preview("kubectl rollout restart deployment/" + name(d) + " -n " + k8s.namespace() + " (" + endpoint + ")",
                "all " + replicas + " pod(s) of " + name(d) + " are replaced one by one (" + strategy(d) + "); same image and settings",
                replicas, List.of(), name(d));
    }

    static Observation restart(KubernetesClient client, ReadOnlyCluster k8s, Args args, Consent consent) {
        Deployment d = deployment(k8s, args);
        client.apps().deployments().inNamespace(k8s.namespace()).withName(name(d)).rolling().restart();
        return after(k8s, name(d));
    }

    static Preview previewUndo(ReadOnlyCluster k8s, Args args, String endpoint) {
        Deployment d = deployment(k8s, args);
        ReplicaSetView target = target(k8s, d, args);
        long to = target.revision();
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("from_revision", K8sReads.revision(d.getMetadata().getAnnotations()));
        row.put("from_images", images(d));
        row.put("to_revision", to);
        row.put("to_images", target.images());
        return new Preview("kubectl rollout undo deployment/" + name(d) + " --to-revision=" + to + " -n " + k8s.namespace() + " (" + endpoint + ")",
                name(d) + ": revision " + row.get("from_revision") + " (" + row.get("from_images") + ") → pod template of revision " + to
                        + " (" + row.get("to_images") + "); " + replicas + " pod(s) replaced (" + strategy(d)
                        + "). A schema change in the newer version needs a roll forward instead",
                replicas, List.of(row), name(d));
    }

    static Observation undo(KubernetesClient client, ReadOnlyCluster k8s, Args args, Consent consent) {
        Deployment d = deployment(k8s, args);
        ReplicaSetView target = target(k8s, d, args);
        ReplicaSet chosen = k8s.replicaSet(target.name());
        if (chosen == null) {
            throw new IllegalArgumentException("ReplicaSet " + target.name() + " of revision " + target.revision() + " is gone");
        }
        PodTemplateSpec template = chosen.getSpec().getTemplate();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            template.getMetadata().getLabels().remove("pod-template-hash");
        }
        client.apps().deployments().inNamespace(k8s.namespace()).withName(name(d)).edit(dep -> {
            dep.getSpec().setTemplate(template);
            return dep;
        });
        Observation o = after(k8s, name(d));
        Map<String, Object> m = new LinkedHashMap<>(o.metrics());
        m.put("to_revision", target.revision());
        m.put("images", target.images());
        return Observation.of(m);
    }

    static Preview previewResources(ReadOnlyCluster k8s, Args args, String endpoint) {
        Deployment d = deployment(k8s, args);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder change = new StringBuilder();
        for (Container c : containers(d, args)) {
            ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
            for (String arg : RESOURCE_ARGS) {
                if (args.has(arg)) {
                    String[] kind = arg.split("_");
                    Map<String, Quantity> side = kind[0].equals("limits") ? r.getLimits() : r.getRequests();
                    Quantity old = side == null ? null : side.get(kind[1]);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("container", c.getName());
                    row.put("resource", kind[0] + "." + kind[1]);
                    row.put("from", old == null ? "none" : old.toString());
                    row.put("to", args.string(arg));
                    rows.add(row);
                    change.append(change.length() == 0 ? "" : ", ").append(c.getName()).append(' ').append(row.get("resource")).append(' ')
                            .append(row.get("from")).append(" → ").append(row.get("to"));
                }
            }
        }
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return new Preview("kubectl set resources deployment/" + name(d) + flags(args) + " -n " + k8s.namespace() + " (" + endpoint + ")",
                change + "; all " + replicas + " pod(s) are replaced (" + strategy(d) + "); larger requests need room on the nodes",
                replicas, rows, name(d));
    }

    static Observation setResources(KubernetesClient client, ReadOnlyCluster k8s, Args args, Consent consent) {
        Deployment d = deployment(k8s, args);
        List<String> names = containers(d, args).stream().map(Container::getName).toList();
        client.apps().deployments().inNamespace(k8s.namespace()).withName(name(d)).edit(dep -> {
            for (Container c : dep.getSpec().getTemplate().getSpec().getContainers()) {
                if (names.contains(c.getName())) {
                    apply(c, args);
                }
            }
            return dep;
        });
        return after(k8s, name(d));
    }

    private static void apply(Container c, Args args) {
        ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
        for (String arg : RESOURCE_ARGS) {
            if (args.has(arg)) {
                String[] kind = arg.split("_");
                Map<String, Quantity> side = kind[0].equals("limits") ? r.getLimits() : r.getRequests();
                side = side == null ? new LinkedHashMap<>() : new LinkedHashMap<>(side);
                side.put(kind[1], new Quantity(args.string(arg)));
                if (kind[0].equals("limits")) {
                    r.setLimits(side);
                } else {
                    r.setRequests(side);
                }
            }
        }
        c.setResources(r);
    }

    private static Observation after(ReadOnlyCluster k8s, String name) {
        Deployment d = k8s.deployment(name);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", name);
        m.put("replicas", d.getSpec().getReplicas() == null ? 1L : (long) d.getSpec().getReplicas());
        m.put("generation", d.getMetadata().getGeneration() == null ? 0L : d.getMetadata().getGeneration());
        m.put("restarted_at", K8sReads.annotation(d.getSpec().getTemplate().getMetadata() == null ? null
                : d.getSpec().getTemplate().getMetadata().getAnnotations(), "kubectl.kubernetes.io/restartedAt"));
        m.put("images", images(d));
        return Observation.of(m);
    }

    private static ReplicaSetView target(ReadOnlyCluster k8s, Deployment d, Args args) {
        long current = K8sReads.revision(d.getMetadata().getAnnotations());
        List<ReplicaSetView> history = K8sReads.history(k8s, name(d));
        ReplicaSetView chosen = null;
        long wanted = args.number("revision", 0);
        for (ReplicaSetView rs : history) {
            long rev = rs.revision();
            if (wanted > 0 ? rev == wanted : rev < current) {
                chosen = rs;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException(wanted > 0 ? "deployment " + name(d) + " has no revision " + wanted
                    : "deployment " + name(d) + " has no revision before " + current + " to roll back to");
        }
        if (chosen.revision() == current) {
            throw new IllegalArgumentException("revision " + current + " is the current one");
        }
        return chosen;
    }

    private static List<Container> containers(Deployment d, Args args) {
        List<Container> all = d.getSpec().getTemplate().getSpec().getContainers();
        if (!args.has("container")) {
            return all;
        }
        List<Container> one = all.stream().filter(c -> c.getName().equals(args.string("container"))).toList();
        if (one.isEmpty()) {
            throw new IllegalArgumentException("deployment " + name(d) + " has no container " + args.string("container"));
        }
        return one;
    }

    private static String flags(Args args) {
        StringBuilder limits = new StringBuilder();
        StringBuilder requests = new StringBuilder();
        for (String arg : RESOURCE_ARGS) {
            if (args.has(arg)) {
                String[] kind = arg.split("_");
                StringBuilder to = kind[0].equals("limits") ? limits : requests;
                to.append(to.length() == 0 ? "" : ",").append(kind[1]).append('=').append(args.string(arg));
            }
        }
        return (args.has("container") ? " -c " + args.string("container") : "") + (limits.length() > 0 ? " --limits=" + limits : "")
                + (requests.length() > 0 ? " --requests=" + requests : "");
    }

    private static String strategy(Deployment d) {
        var s = d.getSpec().getStrategy();
        if (s == null || s.getRollingUpdate() == null) {
            return s == null || s.getType() == null ? "rolling update" : s.getType();
        }
        var ru = s.getRollingUpdate();
        return "rolling update, maxUnavailable " + shown(ru.getMaxUnavailable()) + ", maxSurge " + shown(ru.getMaxSurge());
    }

    private static String shown(io.fabric8.kubernetes.api.model.IntOrString v) {
        return v == null ? "25%" : v.getStrVal() != null ? v.getStrVal() : String.valueOf(v.getIntVal());
    }

    private static long replicas(Args args) {
        long n = args.number("replicas", -1);
        if (n < 0 || n > 500) {
            throw new IllegalArgumentException("replicas must be 0–500, not " + n);
        }
        return n;
    }

    private static Deployment deployment(ReadOnlyCluster k8s, Args args) {
        Deployment d = k8s.deployment(args.string("deployment"));
        if (d == null) {
            throw new IllegalArgumentException("no deployment " + args.string("deployment") + " in namespace " + k8s.namespace());
        }
        return d;
    }

    private static String images(Deployment d) {
        return String.join(", ", d.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getImage).toList());
    }

    private static String name(Deployment d) {
        return d.getMetadata().getName();
    }

    static void checkQuantity(Object value) {
        if (value != null && !value.toString().contains("${") && !QUANTITY.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a quantity such as 4Gi or 500m");
        }
    }
}
