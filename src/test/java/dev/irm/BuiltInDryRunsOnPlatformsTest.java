package dev.irm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.connector.k8s.K8sMockCluster;
import dev.irm.connector.kafka.KafkaSeeds;
import dev.irm.testing.DockerEngine;
import dev.irm.testing.IrmCli;
import dev.irm.testing.KafkaBroker;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, the other half of {@link BuiltInDryRunsTest}: every built-in runbook, run with
 * {@code --dry-run} and refused (no terminal, no {@code --yes}), with Kafka, Docker and Kubernetes
 * all pointed at live servers at once, changes none of them. Kafka is a real in-process KRaft broker
 * holding a lagging group of this test's naming (committed offsets of every group, topics and their
 * partition counts compared); Docker is the test engine with compose-labelled containers of this
 * test's naming (id, status, restart count, StartedAt, FinishedAt of every container compared).
 * Kubernetes is fabric8's mock API server in CRUD mode — the one stand-in, as no real API server can
 * be had here — holding {@code K8sCluster}'s faults (replicas, resourceVersion and generation of every
 * deployment, and the pod set with resourceVersions, compared). Runbooks that branch by
 * {@code platform} run once per platform too. Redis, MySQL and HTTP point at nothing here; the
 * previews that must have read the live servers (Kafka offset reset, Docker restart, Kubernetes
 * scale, resources, restart and rollback) are asserted, so the test fails with a server absent.
 */
class BuiltInDryRunsOnPlatformsTest {
    private static final String GROUP = "dry-orders-consumer";
    private static final String TOPIC = "dry.orders";
    private static final String APP = "dryapp";

    private static KafkaBroker kafka;
    private static DockerEngine docker;
    private static K8sMockCluster k8s;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        KafkaSeeds.produce(kafka, TOPIC, 2, 400);
        KafkaSeeds.commit(kafka, GROUP, Map.of(new TopicPartition(TOPIC, 0), 10L, new TopicPartition(TOPIC, 1), 0L));
        docker = DockerEngine.start();
        docker.runContainer("irm-dry-app", List.of("--label", "com.docker.compose.service=" + APP, "--label",
                "com.docker.compose.project=drytest"), "sh", "-c",
                "echo 'java.lang.OutOfMemoryError: Java heap space'; trap 'exit 0' TERM; while true; do sleep 1; done");
        docker.runContainer("irm-dry-worker", List.of("--label", "com.docker.compose.service=dryworker", "--label",
                "com.docker.compose.project=drytest"), "sh", "-c", "echo 'worker failed'; exit 3");
        docker.waitContainer("irm-dry-worker", java.time.Duration.ofSeconds(30));
        k8s = K8sMockCluster.start();
    }

    @AfterAll
    static void stop() {
        if (k8s != null) {
            k8s.close();
        }
        if (docker != null) {
            docker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String kafkaState() throws Exception {
        Map<String, Object> out = new TreeMap<>();
        try (Admin admin = kafka.admin()) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                    .forEach((name, d) -> out.put("topic " + name, d.partitions().size()));
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                Map<String, Long> offsets = new TreeMap<>();
                admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                        .forEach((tp, om) -> offsets.put(tp.toString(), om == null ? -1 : om.offset()));
                out.put("group " + g.groupId(), offsets);
            }
        }
        return out.toString();
    }

    private static String dockerState() {
        Map<String, String> out = new TreeMap<>();
        for (String id : docker.docker("ps", "-a", "-q", "--no-trunc").split("\n")) {
            if (!id.isBlank()) {
                out.put(id, docker.inspect(id, "{{.Name}} {{.State.Status}} {{.RestartCount}} {{.State.StartedAt}} {{.State.FinishedAt}}"));
            }
        }
        return out.toString();
    }

    private static String k8sState() {
        KubernetesClient client = k8s.client();
        StringBuilder out = new StringBuilder();
        client.apps().deployments().inAnyNamespace().list().getItems().forEach(d -> out.append(meta(d))
                .append(" replicas=").append(d.getSpec().getReplicas()).append(' ').append(d.getSpec().getTemplate()).append('\n'));
        client.apps().replicaSets().inAnyNamespace().list().getItems().forEach(r -> out.append(meta(r)).append('\n'));
        client.pods().inAnyNamespace().list().getItems().forEach(p -> out.append(meta(p)).append('\n'));
        return out.toString();
    }

    private static String meta(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName() + " rv="
                + o.getMetadata().getResourceVersion() + " gen=" + o.getMetadata().getGeneration();
    }

    private static String state() throws Exception {
        return "kafka: " + kafkaState() + "\ndocker: " + dockerState() + "\nk8s:\n" + k8sState();
    }

    private static IrmCli cli() throws Exception {
        IrmCli cli = new IrmCli();
        cli.env("KUBECONFIG", k8s.kubeconfig(cli.home()).toString());
        Files.writeString(cli.home().resolve("config.yaml"), "currentContext: test\ncontexts:\n  test:\n"
                + "    kafka: {bootstrap: \"" + kafka.bootstrapServers() + "\"}\n"
                + "    docker: {host: \"" + docker.dockerHost() + "\"}\n"
                + "    redis: {url: \"redis://127.0.0.1:1\"}\n"
                + "    variables: {app_service: " + APP + ", group: " + GROUP + ", consumer_deployment: hhplus-app, evidence_dir: \""
                + cli.home().resolve("evidence") + "\"}\n");
        return cli;
    }

    private static IrmCli.Result run(IrmCli cli, String id, List<String> variant, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", id, "-o", "json", "--mysql", "jdbc:mysql://127.0.0.1:1/hhplus",
                "--app", "http://127.0.0.1:1", "--prometheus", "http://127.0.0.1:1"));
        args.addAll(variant);
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void noBuiltInRunbookChangesKafkaDockerOrKubernetesOnADryRunOrARefusedRun() throws Exception {
        IrmCli cli = cli();
        List<String> ids = new ArrayList<>();
        cli.run("list", "-o", "json").json().forEach(r -> ids.add(r.path("id").asText()));
        assertTrue(ids.size() >= 18, ids.toString());
        String before = state();
        assertTrue(before.contains("group " + GROUP + "={" + TOPIC + "-0=10, " + TOPIC + "-1=0}"), before);
        assertTrue(before.contains("/irm-dry-app running 0") && before.contains("/irm-dry-worker exited 0"), before);
        assertTrue(before.contains("Deployment shop/hhplus-app") && before.contains("Pod shop/hhplus-app-b"), before);
        List<String> previewed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int runs = 0;
        for (String id : ids) {
            for (List<String> variant : List.of(List.<String>of(), List.of("--set", "platform=docker"), List.of("--set", "platform=k8s"))) {
                IrmCli.Result dry = run(cli, id, variant, "--dry-run");
                if (!variant.isEmpty() && dry.code() == 64 && dry.err().contains("has no variable 'platform'")) {
                    continue;
                }
                String label = id + variant;
                assertTrue(dry.code() <= 3, label + " dry run: " + dry);
                for (JsonNode m : dry.json().path("mitigations")) {
                    assertTrue(Set.of("DRY_RUN", "SKIPPED").contains(m.path("decision").asText()), label + ": " + m);
                    if (m.path("decision").asText().equals("DRY_RUN")) {
                        previewed.add(label + "/" + m.path("step").asText());
                    }
                }
                assertEquals(before, state(), "after irm run " + label + " --dry-run");

                IrmCli.Result no = run(cli, id, variant);
                assertTrue(no.code() <= 4, label + " refused run: " + no);
                for (JsonNode m : no.json().path("mitigations")) {
                    assertTrue(Set.of("REFUSED", "SKIPPED").contains(m.path("decision").asText()), label + ": " + m);
                    if (m.path("decision").asText().equals("REFUSED")) {
                        refused.add(label + "/" + m.path("step").asText());
                    }
                }
                if (no.json().path("mitigations").toString().contains("REFUSED")) {
                    assertEquals(4, no.code(), label + ": " + no.out());
                }
                assertEquals(before, state(), "after irm run " + label + " (refused)");
                runs += 2;
            }
        }
        assertTrue(runs >= 72, runs + " runs: 18 runbooks, the 9 with a platform also as docker and k8s, each dry and refused");
        assertEquals(previewed, refused);
        assertTrue(Files.isDirectory(cli.home().resolve("evidence")), "unknown-outage bundled the live Docker and Kubernetes evidence");
        assertTrue(previewed.containsAll(List.of("kafka-lag[]/reset_offsets", "app-oom[]/docker_restart", "app-oom[]/k8s_scale",
                "app-oom[--set, platform=docker]/docker_restart", "app-oom[--set, platform=k8s]/k8s_set_resources",
                "app-oom[--set, platform=k8s]/k8s_restart", "queue-stall[]/k8s_restart_app", "rollback[]/undo")), previewed.toString());
        assertTrue(previewed.stream().noneMatch(p -> p.contains("platform=docker]/k8s") || p.contains("platform=k8s]/docker")),
                "a platform variant previews only on its platform: " + previewed);
    }
}
