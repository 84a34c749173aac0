package dev.irm.connector.k8s;

import dev.irm.connector.TrainingPeer;
import java.util.Map;
import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.Actions;
import dev.irm.connector.Risk;
import dev.irm.connector.Connector;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import dev.irm.connector.logs.EvidenceBundle;
import dev.irm.connector.logs.LogScan;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import dev.irm.support.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kubernetes through fabric8: kubeconfig ({@code KUBECONFIG} or {@code ~/.kube/config}) and its context
 * ({@code --kube-context}), or the pod's service account when run in a cluster ({@link InClusterConfig}; it wins
 * over {@code ~/.kube/config}, not over an explicit {@code KUBECONFIG} or context). fabric8's own retries
 * are off and each request is bounded, so a dead API server is a finding within about 2 s.
 */
public final class K8sConnectorFactory extends BaseConnectorFactory {
    private static final String T = "k8s";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_./=!,\\- ]{1,256}");
    private static final Param DEPLOYMENT = Param.required("deployment", "deployment name").checkedBy(K8sConnectorFactory::checkName);
    private static final Param SELECTOR_PARAM = Param.optional("selector", "label selector, e.g. app=hhplus-app")
            .checkedBy(K8sConnectorFactory::checkSelector);
    private static final List<ConnectionSetting> SETTINGS = List.of(
            ConnectionSetting.of("context").option("NAME", "kubeconfig context.", "--kube-context"),
            // unset: the kubeconfig context's namespace, else default
            ConnectionSetting.of("namespace").option("NS", "Kubernetes namespace.", "-n", "--namespace"),
            ConnectionSetting.of("kubeconfig").env("KUBECONFIG").defaultFrom(K8sConnectorFactory::homeKubeconfig),
            // set in every pod: in-cluster config
            ConnectionSetting.of("serviceHost").env("KUBERNETES_SERVICE_HOST"),
            ConnectionSetting.of("servicePort").env("KUBERNETES_SERVICE_PORT"),
            ConnectionSetting.of("serviceAccountDir").env("IRM_K8S_SERVICEACCOUNT_DIR"));
    static final Actions<K8sConnector.Session, K8sConnector.Writer> ACTIONS = Actions.<K8sConnector.Session, K8sConnector.Writer>of(T)
            .read("deployments", "desired, ready and available replicas", (s, a) -> K8sReads.deployments(s.k8s(), a),
                    Param.optional("deployment", "one deployment").checkedBy(K8sConnectorFactory::checkName), SELECTOR_PARAM)
            .read("pods", "pods by label: restarts, last state OOMKilled, CrashLoopBackOff, memory limits and requests",
                    (s, a) -> K8sReads.pods(s.k8s(), a), SELECTOR_PARAM)
            .read("logs", "log lines of the selected pods (and the instance before a restart) matching a pattern",
                    (s, a) -> K8sReads.logs(s.k8s(), a),
                    concat(new Param[] {SELECTOR_PARAM, Param.optional("pod", "one pod").checkedBy(K8sConnectorFactory::checkName),
                        Param.optional("container", "container (default: the first)").checkedBy(K8sConnectorFactory::checkName)},
                            LogScan.params()))
            .read("events", "warning events of the namespace in a window (OOM kills, back-offs)", (s, a) -> K8sReads.events(s.k8s(), a),
                    Param.optional("since", "window, e.g. 30m (default 30m)").as(ParamType.DURATION))
            .read("rollout-history", "ReplicaSet revisions of a deployment, with images and age",
                    (s, a) -> K8sReads.rolloutHistory(s.k8s(), a), DEPLOYMENT)
            .read("pod-metrics", "memory and CPU from the metrics API against the limits (SKIPPED without metrics-server)",
                    (s, a) -> K8sReads.podMetrics(s.k8s(), a),
                    SELECTOR_PARAM)
            .read("evidence", "write pods, deployments, events, metrics and recent logs of the services to a local folder",
                    (s, a) -> K8sEvidence.collect(s.k8s(), a, s.endpoint()),
                    EvidenceBundle.params())
            .write("scale", Risk.LOW, "kubectl scale deployment --replicas=N", (s, a) -> K8sWrites.previewScale(s.k8s(), a, s.endpoint()),
                    (w, a, consent) -> K8sWrites.scale(w.client(), w.k8s(), a, consent), DEPLOYMENT,
                    Param.required("replicas", "new replica count").as(ParamType.INTEGER))
            .write("rollout-restart", Risk.MEDIUM, "kubectl rollout restart deployment",
                    (s, a) -> K8sWrites.previewRestart(s.k8s(), a, s.endpoint()),
                    (w, a, consent) -> K8sWrites.restart(w.client(), w.k8s(), a, consent), DEPLOYMENT)
            .write("rollout-undo", Risk.HIGH, "kubectl rollout undo deployment [--to-revision=N]",
                    (s, a) -> K8sWrites.previewUndo(s.k8s(), a, s.endpoint()),
                    (w, a, consent) -> K8sWrites.undo(w.client(), w.k8s(), a, consent), DEPLOYMENT,
                    Param.optional("revision", "revision to go back to (default: the one before the current)").as(ParamType.INTEGER))
            .write("set-resources", Risk.MEDIUM, "kubectl set resources deployment --limits/--requests",
                    (s, a) -> K8sWrites.previewResources(s.k8s(), a, s.endpoint()),
                    (w, a, consent) -> K8sWrites.setResources(w.client(), w.k8s(), a, consent), DEPLOYMENT,
                    Param.optional("container", "one container (default: all)").checkedBy(K8sConnectorFactory::checkName),
                    Param.optional("limits_memory", "e.g. 4Gi").checkedBy(K8sWrites::checkQuantity),
                    Param.optional("requests_memory", "e.g. 2Gi").checkedBy(K8sWrites::checkQuantity),
                    Param.optional("limits_cpu", "e.g. 2").checkedBy(K8sWrites::checkQuantity),
                    Param.optional("requests_cpu", "e.g. 500m").checkedBy(K8sWrites::checkQuantity));

    public K8sConnectorFactory() {
        super(T, 40, SETTINGS, ACTIONS.specs());
    }

    @Override
    public Map<String, String> trainingSettings(String closedHostPort, Path scratch) throws IOException {
        return Map.of("kubeconfig", trainingKubeconfig(scratch.resolve("kubeconfig"), closedHostPort).toString());
    }

    /** For the training run: a kubeconfig for a plain-HTTP API server at {@code hostPort}, namespace default. */
    static Path trainingKubeconfig(Path file, String hostPort) throws IOException {
        return Files.writeString(file, "apiVersion: v1\nkind: Config\n"
                + "clusters: [{name: c, cluster: {server: \"http://" + hostPort + "\"}}]\nusers: [{name: u, user: {}}]\n"
                + "contexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]\ncurrent-context: c\n");
    }

    @Override
    public TrainingPeer trainingPeer(Path scratch) throws IOException {
        return new K8sTrainingPeer(scratch);
    }

    /** {@code $HOME/.kube/config}, kubectl's default; none without a home. */
    private static String homeKubeconfig(Map<String, String> env) {
        String home = env.get("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".kube", "config").toString();
    }

    @Override
    public String describe(TargetSettings settings) {
        if (inCluster(settings)) {
            return "in-cluster service account, namespace " + settings.get("namespace", "(the pod's)");
        }
        return "context " + settings.get("context", "(current)") + ", namespace " + settings.get("namespace", "(from the context)");
    }

    /** Only local defaults apply: configured when a kubeconfig exists or this runs in a pod. */
    @Override
    public String notConfigured(TargetSettings settings) {
        if (kubeconfig(settings.get("kubeconfig")) != null || InClusterConfig.applies(settings)) {
            return null;
        }
        String home = settings.get("kubeconfig", "~/.kube/config");
        return "not configured: no --kube-context, --namespace, KUBECONFIG or k8s in the context, no kubeconfig at " + home
                + " and no in-cluster service account";
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "unknown-outage";
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        Config base = base(settings);
        String namespace = settings.get("namespace", base.getNamespace() == null ? "default" : base.getNamespace());
        Config config = new ConfigBuilder(base)
                .withNamespace(namespace)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(settings.timeoutMillis())
                .withRequestTimeout(listTimeoutMillis(settings))
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        ReadOnlyCluster reads = new ReadOnlyCluster(client, namespace);
        try {
            // the probe keeps the call timeout, so a black-holed API server is unreachable within about 1 s;
            // a cold fabric8 (its HTTP stack loads on this first call) gets its start-up on top
            Workers.withinPeerTime(settings.timeout(), () -> {
                reads.probe();
                return null;
            });
        } catch (Workers.DeadlineExceededException e) {
            client.close();
            throw new TargetUnreachableException("timeout after " + settings.timeoutMillis() + " ms", e);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) { // 403: the API server answered and knows us; each check names what the Role lacks
                client.close();
                throw new TargetUnreachableException(cause(e, settings, config), e);
            }
        } catch (Exception e) {
            client.close();
            RuntimeException r = e instanceof RuntimeException re ? re : new IllegalStateException(e);
            throw new TargetUnreachableException(cause(r, settings, config), e);
        }
        String via = inCluster(settings) ? "in-cluster service account" : "context " + settings.get("context", "(current)");
        return new K8sConnector(client, reads, config.getMasterUrl() + " (" + via + ", namespace " + namespace + ")");
    }

    /** Lists and logs (a 2,000-pod list is about 1 MB to read and parse in a cold JVM) get four times the call timeout. */
    static int listTimeoutMillis(TargetSettings settings) {
        return settings.timeoutMillis() * 4;
    }

    private static Config base(TargetSettings settings) throws TargetUnreachableException {
        String context = settings.get("context");
        if (inCluster(settings)) {
            return InClusterConfig.config(settings);
        }
        Path file = kubeconfig(settings.get("kubeconfig"));
        if (file != null) {
            try {
                // a regular file of at most 4 MiB (certificates inline): KUBECONFIG=/dev/zero is a finding, not an OOM
                String text = dev.irm.support.BoundedInput.readRegularFile(file, 4 * dev.irm.support.BoundedInput.TEXT_FILE_BYTES);
                return Kubeconfig.read(context, text, file.toFile());
            } catch (IOException | RuntimeException e) {
                throw new TargetUnreachableException("cannot use kubeconfig " + file + ": " + dev.irm.support.Failures.describe(e), e);
            }
        }
        throw new TargetUnreachableException("no kubeconfig (KUBECONFIG, ~/.kube/config) and not running in a pod", null);
    }

    /** In a pod (service host set, token mounted) unless a kubeconfig or a context is asked for explicitly. */
    private static boolean inCluster(TargetSettings settings) {
        String kubeconfig = settings.get("kubeconfig");
        return (kubeconfig == null || kubeconfig.isBlank()) && settings.get("context") == null && InClusterConfig.applies(settings);
    }

    /** The first existing file of a KUBECONFIG list, else ~/.kube/config if it exists. */
    static Path kubeconfig(String setting) {
        List<String> candidates = new ArrayList<>();
        if (setting != null && !setting.isBlank()) {
            candidates.addAll(Arrays.asList(setting.split(java.io.File.pathSeparator)));
        } else {
            candidates.add(Path.of(System.getProperty("user.home"), ".kube", "config").toString());
        }
        return candidates.stream().filter(s -> !s.isBlank()).map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static String cause(RuntimeException e, TargetSettings settings, Config config) {
        if (e instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403)) {
            return (k.getCode() == 401 ? "auth failed" : "forbidden: may not list pods in " + config.getNamespace()) + " (HTTP " + k.getCode() + ")";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof ConnectException || m.contains("connection refused")) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + config.getMasterUrl();
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException || m.contains("timed out")
                    || m.contains("timeout")) {
                return "timeout after " + settings.timeoutMillis() + " ms";
            }
        }
        return dev.irm.support.Failures.describe(e);
    }

    static void checkName(Object value) {
        if (value != null && !value.toString().contains("${") && !NAME.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a Kubernetes name");
        }
    }

    static void checkSelector(Object value) {
        if (value != null && !value.toString().contains("${") && !SELECTOR.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a label selector such as app=hhplus-app");
        }
    }

    private static Param[] concat(Param[] a, Param[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(Param[]::new);
    }
}
