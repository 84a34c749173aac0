package dev.irm.connector.kafka;

import dev.irm.connector.TrainingPeer;
import java.nio.file.Path;
import dev.irm.connector.ConnectionSetting;
import dev.irm.connector.Actions;
import dev.irm.connector.Args;
import dev.irm.connector.Risk;
import dev.irm.connector.Connector;
import dev.irm.connector.BaseConnectorFactory;
import dev.irm.connector.Param;
import dev.irm.connector.ParamType;
import dev.irm.connector.Secrets;
import dev.irm.connector.TargetSettings;
import dev.irm.connector.TargetUnreachableException;
import dev.irm.support.Workers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Kafka through the Admin client. Bootstrap from the settings' {@code bootstrap}; client
 * properties (SASL, SSL) from the context's {@code properties:} map, never shown. Timeouts are
 * derived from the per-call timeout so a dead cluster is known within about two seconds.
 */
public final class KafkaConnectorFactory extends BaseConnectorFactory {
    private static final String T = "kafka";
    private static final Param GROUP = Param.required("group", "consumer group id").checkedBy(OffsetReset::checkGroup);
    private static final Param SAMPLES = Param.optional("samples", "snapshots in the trend window (default 3; 1 = no trend)").as(ParamType.INTEGER);
    private static final Param INTERVAL = Param.optional("interval", "time between snapshots (default 1s)").as(ParamType.DURATION);
    private static final List<ConnectionSetting> SETTINGS = List.of(
            ConnectionSetting.of("bootstrap").option("HOST:PORT,...", "Kafka bootstrap servers.", "--kafka")
                    .env("IRM_KAFKA_BOOTSTRAP").defaultValue("127.0.0.1:9092"));
    static final Actions<KafkaConnector.Session, KafkaConnector.Writer> ACTIONS = Actions.<KafkaConnector.Session, KafkaConnector.Writer>of(T)
            .read("cluster", "brokers, controller and cluster id (describeCluster)", (s, a) -> KafkaReads.cluster(s.kafka(), a),
                    Param.optional("expected", "brokers the cluster should have").as(ParamType.INTEGER))
            .read("topics", "topics, partitions, offline and under-replicated partitions", (s, a) -> KafkaReads.topics(s.kafka(), a))
            .read("group-lag", "one consumer group: state, members, lag per partition (one batched ListOffsets), trend over a short window",
                    (s, a) -> KafkaReads.groupLag(s.kafka(), a), GROUP, SAMPLES, INTERVAL)
            .read("groups", "every consumer group: lag and trend (OK, CATCHING_UP, FALLING_BEHIND, STALLED, STOPPED)",
                    (s, a) -> KafkaReads.groups(s.kafka(), a),
                    SAMPLES, INTERVAL, Param.optional("except", "groups left out, judged on their own (a group id, a list or \"a,b\")").as(ParamType.LIST)
                            .checkedBy(KafkaConnectorFactory::groupList))
            .read("dlq", "dead-letter topics matching a glob and the messages in them (log-end − earliest)", (s, a) -> KafkaReads.dlq(s.kafka(), a),
                    Param.optional("pattern", "topic glob (default *.dlq)").checkedBy(KafkaConnectorFactory::topicGlob))
            .write("reset-offsets", Risk.HIGH, "move an inactive group's committed offsets to the log end or to a time ago",
                    (s, a) -> s.reset().preview(s.kafka(), a, s.endpoint()),
                    (w, a, consent) -> w.reset().apply(w.admin(), w.kafka(), a, consent, w.timeoutMs()),
                    GROUP, Param.optional("to", "latest (default) or a duration: offsets of that long ago").checkedBy(OffsetReset::checkTo));

    public KafkaConnectorFactory() {
        super(T, 30, SETTINGS, ACTIONS.specs());
    }

    @Override
    public Map<String, String> trainingSettings(String closedHostPort, Path scratch) {
        return Map.of("bootstrap", closedHostPort);
    }

    /** The kafka-clients classes every real Kafka check loads (the TCP probe stops open first): an Admin client against the closed port. */
    @Override
    public void trainClient(String closedHostPort) {
        try (Admin admin = Admin.create(Map.<String, Object>of(
                "bootstrap.servers", closedHostPort, "request.timeout.ms", 300, "default.api.timeout.ms", 400,
                "socket.connection.setup.timeout.ms", 200, "socket.connection.setup.timeout.max.ms", 200))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(400)).nodes().get(600, TimeUnit.MILLISECONDS);
        } catch (Exception | LinkageError e) {
            // refused or timed out, as intended: the classes are loaded
        }
    }

    @Override
    public TrainingPeer trainingPeer(Path scratch) throws IOException {
        return new KafkaTrainingPeer();
    }

    @Override
    public String describe(TargetSettings settings) {
        String protocol = settings.withPrefix("properties.").get("security.protocol");
        return Secrets.redactUrl(bootstrap(settings)) + (protocol == null ? "" : " (" + protocol + ")");
    }

    @Override
    public String unreachableRunbook(TargetUnreachableException cause) {
        return "kafka-broker-down";
    }

    /** ApiVersions v2 (request header v1, client id "irm", empty body), length-prefixed. */
    private static final byte[] API_VERSIONS_REQUEST = {0, 0, 0, 13, 0, 18, 0, 2, 0, 0, 0, 1, 0, 3, 'i', 'r', 'm'};

    @Override
    public Connector open(TargetSettings settings) throws TargetUnreachableException {
        long started = System.nanoTime();
        int callMs = settings.timeoutMillis();
        probe(bootstrap(settings), callMs, speaksPlaintext(settings));
        Admin admin;
        try {
            admin = Admin.create(config(settings));
        } catch (RuntimeException e) {
            throw new TargetUnreachableException("bad client settings: " + message(e, settings), e);
        }
        // The engine gives open() 2× the call timeout + 500 ms; loading the Kafka client on a busy
        // machine can take a good part of it, so the metadata request gets what is left, and more only
        // while this JVM is still loading the client (the probe above already had a broker's answer).
        long spentMs = (System.nanoTime() - started) / 1_000_000;
        int connectMs = (int) Math.max(300, Math.min(2L * callMs, 2L * callMs + 200 - spentMs));
        // the client's own timeout is the cap: the wait below decides whether the time past connectMs was irm's
        int capMs = connectMs + (int) Workers.START_UP_GRACE.toMillis();
        try {
            Workers.awaitPeerTime(admin.describeCluster(new DescribeClusterOptions().timeoutMs(capMs)).nodes(), Duration.ofMillis(connectMs));
            return new KafkaConnector(admin, describe(settings), 2 * callMs);
        } catch (Exception e) {
            admin.close(Duration.ZERO);
            throw new TargetUnreachableException(cause(e, settings, connectMs), e);
        }
    }

    static Properties config(TargetSettings settings) {
        int callMs = settings.timeoutMillis();
        Properties p = new Properties();
        p.putAll(settings.withPrefix("properties."));
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(settings));
        p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "irm");
        // Kafka's defaults wait 30–60 s for a dead cluster; these bound it to about 2× the call timeout.
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, String.valueOf(callMs));
        p.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, String.valueOf(callMs));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(callMs * 3 / 2));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(2 * callMs));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        p.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200");
        return p;
    }

    private static String bootstrap(TargetSettings settings) {
        return settings.get("bootstrap", "127.0.0.1:9092");
    }

    /** PLAINTEXT and SASL_PLAINTEXT listeners answer ApiVersions before any authentication (KIP-35, KIP-152). */
    private static boolean speaksPlaintext(TargetSettings settings) {
        String protocol = settings.withPrefix("properties.").get("security.protocol");
        return protocol == null || protocol.equalsIgnoreCase("PLAINTEXT") || protocol.equalsIgnoreCase("SASL_PLAINTEXT");
    }

    /**
     * A plain TCP connect to the bootstrap addresses first: the Admin client reports a refused or
     * silent broker only as a generic timeout after its full deadline, this says which in milliseconds.
     * On a plaintext listener it also sends one ApiVersions request and waits the call timeout for any
     * answer: a port that accepts but never answers (a hung broker, a black hole) is known after one call
     * timeout, not after the Admin client's longer metadata wait, and without loading that client.
     */
    private static void probe(String bootstrap, int callMs, boolean plaintext) throws TargetUnreachableException {
        String[] servers = bootstrap.split(",");
        int eachMs = Math.max(200, callMs / servers.length);
        String last = "no bootstrap server";
        for (String server : servers) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                throw new TargetUnreachableException("bad bootstrap server '" + s + "' (expected HOST:PORT)", null);
            }
            String host = s.substring(0, colon).replace("[", "").replace("]", "");
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new TargetUnreachableException("bad bootstrap server '" + s + "' (expected HOST:PORT)", e);
            }
            boolean connected = false;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), eachMs);
                connected = true;
                if (!plaintext) {
                    return;
                }
                socket.setSoTimeout(callMs);
                socket.getOutputStream().write(API_VERSIONS_REQUEST);
                if (socket.getInputStream().read() >= 0) {
                    return;
                }
                last = "the port accepts connections but closes them without a Kafka answer";
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (SocketTimeoutException e) {
                last = connected
                        ? "timeout after " + callMs + " ms: the port accepts connections but no Kafka answers"
                        : "timeout after " + eachMs + " ms";
            } catch (UnknownHostException e) {
                last = "unknown host " + host;
            } catch (IOException | IllegalArgumentException e) {
                last = String.valueOf(e.getMessage());
            }
        }
        throw new TargetUnreachableException(last, null);
    }

    private static String cause(Throwable e, TargetSettings settings, int apiMs) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return "auth failed: " + message(t, settings);
            }
            if (t instanceof AuthorizationException) {
                return "not authorized: " + message(t, settings);
            }
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t instanceof Workers.DeadlineExceededException) {
                return "timeout after " + apiMs + " ms (no broker answered the metadata request)";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message(e, settings);
    }

    /** An error text with every secret client property value taken out. */
    private static String message(Throwable e, TargetSettings settings) {
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> p : settings.withPrefix("properties.").entrySet()) {
            if (Secrets.isSecretKey(p.getKey())) {
                secrets.add(p.getValue());
            }
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return Secrets.scrub(text, secrets);
    }

    static void groupList(Object value) {
        if (value != null) {
            new Args(Map.of("except", value)).strings("except").forEach(OffsetReset::checkGroup);
        }
    }

    static void topicGlob(Object value) {
        if (value == null || !value.toString().matches("[A-Za-z0-9._\\-*?]{1,249}")) {
            throw new IllegalArgumentException("pattern '" + value + "' must be a topic glob of A-Z a-z 0-9 . _ - * ?");
        }
    }
}
