package dev.irm.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * A single-node KRaft Kafka (broker and controller in one) as a child JVM on the broker's jars, which the
 * build copies beside irm ({@code target/lib/kafka}, {@code lib/kafka} in the release archive): Debian has no
 * Kafka package and nothing is downloaded at run time, and a child JVM can be stopped by pid like the others.
 */
public final class KafkaPart {
    static final String MAIN = "kafka.Kafka";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private KafkaPart() {
    }

    public static String serverProperties(int port, int controllerPort, Path dataDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Probes.HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + Probes.HOST + ":" + port + ",CONTROLLER://" + Probes.HOST + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + Probes.HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** The broker answers a metadata request with at least one node. */
    static LabProcess.Probe answers(String bootstrap) {
        return () -> {
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                    "bootstrap.servers", bootstrap, "request.timeout.ms", 2000, "default.api.timeout.ms", 3000))) {
                return !admin.describeCluster().nodes().get(3, java.util.concurrent.TimeUnit.SECONDS).isEmpty();
            }
        };
    }

    static List<String> jvm(String classPath) {
        return List.of(LabHome.java(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath);
    }

    static List<String> format(String classPath, String clusterId, Path properties) {
        return concat(jvm(classPath), List.of(STORAGE_TOOL, "format", "--ignore-formatted", "-t", clusterId, "-c", properties.toString()));
    }

    static List<String> server(String classPath, Path properties) {
        return concat(jvm(classPath), List.of(MAIN, properties.toString()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
