package dev.irm.connector.docker;

import java.io.IOException;
import dev.irm.connector.TrainingPeer;
import java.util.Map;
import java.nio.file.Path;
import dev.irm.connector.ConnectionSetting;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.irm.connector.Actions;
import dev.irm.connector.Risk;
import dev.irm.connector.Connector;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import dev.irm.connector.logs.EvidenceBundle;
import dev.irm.connector.logs.LogScan;
import dev.irm.support.Workers;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A Docker engine through docker-java's httpclient5 transport; host from {@code --docker-host}, {@code DOCKER_HOST} or the context. */
public final class DockerConnectorFactory extends BaseConnectorFactory {
    private static final String T = "docker";
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    /**
     * Where the local default socket is looked for (default /var/run/docker.sock). It moves the local
     * default only, so it does not make Docker configured; tests and unusual installs use it.
     */
    static final String DEFAULT_SOCKET_ENV = "IRM_DOCKER_DEFAULT_SOCKET";
    private static final List<ConnectionSetting> SETTINGS = List.of(
            ConnectionSetting.of("host").option("URL", "Docker engine, e.g. unix:///var/run/docker.sock.", "--docker-host")
                    .env("DOCKER_HOST").defaultFrom(DockerConnectorFactory::localSocket));
    static final Actions<DockerConnector.Session, DockerConnector.Writer> ACTIONS = Actions.<DockerConnector.Session, DockerConnector.Writer>of(T)
            .read("containers", "state, health, restart count, OOM kill and memory limit of the selected containers",
                    (s, a) -> DockerReads.containers(s.docker(), a), ContainerSelector.params())
            .read("inspect", "one container: State.OOMKilled, RestartCount, exit code, memory limit, uptime",
                    (s, a) -> DockerReads.inspect(s.docker(), a), ContainerSelector.params())
            .read("stats", "one-shot stats of the selected running containers (in parallel): memory against limit, CPU",
                    (s, a) -> DockerReads.stats(s.docker(), a),
                    concat(ContainerSelector.params(), new Param[] {Param.optional("cpu",
                            "also CPU (default true: the engine waits for two samples, ~2 s; false: memory only, one-shot, ~1 s)").as(ParamType.BOOLEAN)}))
            .read("logs", "log lines in a time window: matches of a pattern, age of the newest, how long it has been missing",
                    (s, a) -> DockerReads.logs(s.docker(), a), concat(ContainerSelector.params(), LogScan.params()))
            .read("disk-usage", "docker system df, the data root's filesystem and container log sizes",
                    (s, a) -> DockerReads.diskUsage(s.docker(), a, s.local()))
            .read("evidence", "write states, stats and recent logs of the services to a local folder",
                    (s, a) -> DockerEvidence.collect(s.docker(), a, s.endpoint()), EvidenceBundle.params())
            .write("restart", Risk.MEDIUM, "restart a container (stop with a 10 s grace period, then start)",
                    (s, a) -> DockerWrites.previewRestart(s.docker(), a, s.endpoint()),
                    (w, a, consent) -> DockerWrites.restart(w.api(), w.docker(), a, consent), ContainerSelector.params())
            .write("start", Risk.LOW, "start a stopped container", (s, a) -> DockerWrites.previewStart(s.docker(), a, s.endpoint()),
                    (w, a, consent) -> DockerWrites.start(w.api(), w.docker(), a, consent), ContainerSelector.params());

    public DockerConnectorFactory() {
        super(T, 50, SETTINGS, ACTIONS.specs());
    }

    private static String localSocket(Map<String, String> env) {
        String socket = env.get(DEFAULT_SOCKET_ENV);
        return socket == null || socket.isBlank() ? DEFAULT_HOST : "unix://" + socket;
    }

    @Override
    public Map<String, String> trainingSettings(String closedHostPort, Path scratch) {
        return Map.of("host", "tcp://" + closedHostPort);
    }

    @Override
    public TrainingPeer trainingPeer(Path scratch) throws IOException {
        return new DockerTrainingPeer(scratch);
    }

    @Override
    public String describe(TargetSettings settings) {
        return Secrets.maskUrl(settings.get("host", DEFAULT_HOST));
    }

    /** Only the local default applies: configured when its socket file exists. */
    @Override
    public String notConfigured(TargetSettings settings) {
        String host = settings.get("host", DEFAULT_HOST);
        if (!host.startsWith("unix://") || java.nio.file.Files.exists(java.nio.file.Path.of(host.substring("unix://".length())))) {
            return null;
        }
        return "not configured: no --docker-host, DOCKER_HOST or docker.host in the context, and no socket at "
                + host.substring("unix://".length());
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "unknown-outage";
    }

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        String host = settings.get("host", DEFAULT_HOST);
        URI uri;
        try {
            uri = URI.create(host.startsWith("/") ? "unix://" + host : host);
            if (!List.of("unix", "tcp", "http").contains(String.valueOf(uri.getScheme()))) {
                throw new IllegalArgumentException("expected unix:// or tcp://");
            }
        } catch (IllegalArgumentException e) {
            throw new TargetUnreachableException("bad Docker host '" + describe(settings) + "': " + Secrets.uriProblem(e), e);
        }
        if ("unix".equals(uri.getScheme()) && !java.nio.file.Files.exists(java.nio.file.Path.of(uri.getPath()))) {
            // said at once, without building a client (its classes take a while to load on a busy machine)
            throw new TargetUnreachableException("no socket at " + uri.getPath(), null);
        }
        DockerHttpClient http = "unix".equals(uri.getScheme()) ? new UnixSocketHttpClient(java.nio.file.Path.of(uri.getPath()))
                : new ApacheDockerHttpClient.Builder()
                        .dockerHost(uri)
                        .connectionTimeout(settings.timeout())
                        // reads are bounded by DockerApi's deadlines; this only stops a TCP socket waiting forever
                        .responseTimeout(settings.timeout().plusSeconds(15))
                        .maxConnections(16)
                        .build();
        DockerApi api = new DockerApi(http, settings.timeout());
        try {
            api.raw("/_ping", settings.timeout());
        } catch (Exception e) {
            api.close();
            throw new TargetUnreachableException(cause(e, settings, uri), e);
        }
        return new DockerConnector(api, describe(settings), "unix".equals(uri.getScheme()));
    }

    private static String cause(Exception e, TargetSettings settings, URI uri) {
        if (e instanceof Workers.DeadlineExceededException) {
            return "timeout after " + settings.timeoutMillis() + " ms";
        }
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no such file") || t instanceof java.nio.file.NoSuchFileException) {
                return "no socket at " + uri.getPath();
            }
            if (m.contains("permission denied") || t instanceof java.nio.file.AccessDeniedException) {
                return "permission denied on " + uri.getPath();
            }
            if (t instanceof ConnectException || m.contains("connection refused")) {
                return "connection refused";
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return "timeout after " + settings.timeoutMillis() + " ms";
            }
        }
        return dev.irm.support.Failures.describe(e);
    }

    @SafeVarargs
    private static <T> T[] concat(T[] a, T... b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(n -> Arrays.copyOf(a, n));
    }
}
