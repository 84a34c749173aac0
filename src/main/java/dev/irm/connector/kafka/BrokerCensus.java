package dev.irm.connector.kafka;

import dev.irm.connector.Observation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Which brokers the cluster itself says are missing, with no expected count needed: registered
 * brokers that are fenced ({@code describeCluster} with fenced brokers, KIP-1073), partition
 * replicas assigned to brokers that are not alive, and KRaft quorum members that stopped fetching
 * from the leader. An expected count, when given, is judged on top.
 */
final class BrokerCensus {
    /** A quorum member this far behind the leader's clock in fetching is not there (fetches are sub-second). */
    static final long QUORUM_STALE_MS = 10_000;

    private BrokerCensus() {
    }

    static Observation observe(ReadOnlyKafka kafka, long expected) throws Exception {
        ReadOnlyKafka.Cluster c = kafka.cluster();
        Set<Integer> alive = c.brokers().stream().map(Node::id).collect(Collectors.toSet());
        Map<Integer, List<String>> evidence = new TreeMap<>();
        c.fenced().forEach(n -> evidence.computeIfAbsent(n.id(), k -> new ArrayList<>()).add("fenced"));
        replicasOnDeadBrokers(kafka, alive).forEach((id, partitions) ->
                evidence.computeIfAbsent(id, k -> new ArrayList<>()).add("replicas of " + partitions + " partition(s)"));
        Map<String, Object> m = new LinkedHashMap<>();
        quorum(kafka, alive, evidence, m);

        boolean controller = c.controller() != null && !c.controller().isEmpty();
        List<Map<String, Object>> rows = new ArrayList<>();
        c.brokers().stream().sorted(Comparator.comparingInt(Node::id)).forEach(n -> rows.add(row(n, "alive")));
        c.fenced().stream().sorted(Comparator.comparingInt(Node::id)).forEach(n -> rows.add(row(n, "fenced")));
        evidence.keySet().stream().filter(id -> c.fenced().stream().noneMatch(n -> n.id() == id))
                .forEach(id -> rows.add(row(new Node(id, "-", -1), "missing")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cluster_id", c.clusterId() == null ? "" : c.clusterId());
        out.put("brokers", (long) c.brokers().size());
        out.put("broker_ids", ids(alive));
        out.put("controller_present", controller);
        out.put("controller_id", controller ? (long) c.controller().id() : -1L);
        out.put("fenced_brokers", (long) c.fenced().size());
        out.put("fenced_known", c.fencedKnown());
        out.put("missing_brokers", (long) evidence.size());
        out.put("missing_broker_ids", ids(evidence.keySet()));
        out.put("missing_detail", String.join("; ", evidence.entrySet().stream()
                .map(e -> (quorumOnly(e.getValue()) ? "node " : "broker ") + e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList()));
        out.put("expected_brokers", expected);
        out.put("below_expected", Math.max(0, expected - c.brokers().size()));
        out.putAll(m);
        return Observation.of(out, rows);
    }

    /** Broker id → partitions with a replica on it, for brokers not alive. */
    private static Map<Integer, Long> replicasOnDeadBrokers(ReadOnlyKafka kafka, Set<Integer> alive) throws Exception {
        Map<Integer, Long> out = new TreeMap<>();
        for (TopicDescription t : kafka.describeTopics(kafka.allTopicNames()).values()) {
            for (TopicPartitionInfo p : t.partitions()) {
                p.replicas().stream().map(Node::id).filter(id -> !alive.contains(id)).distinct()
                        .forEach(id -> out.merge(id, 1L, Long::sum));
            }
        }
        return out;
    }

    /**
     * Voters and observers that are not alive brokers and have not fetched for {@link #QUORUM_STALE_MS}
     * by the leader's clock. A cluster that cannot describe its quorum (older, or not authorised) is
     * judged without it; {@code quorum_known} says so.
     */
    private static void quorum(ReadOnlyKafka kafka, Set<Integer> alive, Map<Integer, List<String>> evidence, Map<String, Object> m) {
        QuorumInfo q;
        try {
            q = kafka.quorum();
        } catch (Exception e) {
            m.put("quorum_known", false);
            m.put("quorum_voters", 0L);
            m.put("quorum_voter_ids", "");
            m.put("quorum_leader_id", -1L);
            return;
        }
        long leaderClock = q.voters().stream().filter(v -> v.replicaId() == q.leaderId())
                .map(v -> v.lastFetchTimestamp().orElse(0L)).findFirst().orElse(0L);
        if (leaderClock <= 0) {
            leaderClock = System.currentTimeMillis();
        }
        for (boolean voter : new boolean[] {true, false}) {
            for (QuorumInfo.ReplicaState r : voter ? q.voters() : q.observers()) {
                if (r.replicaId() < 0 || r.replicaId() == q.leaderId() || alive.contains(r.replicaId())) {
                    continue;
                }
                long behind = leaderClock - r.lastFetchTimestamp().orElse(0L);
                if (behind >= QUORUM_STALE_MS) {
                    String what = (voter ? "quorum voter" : "quorum observer") + " not fetching"
                            + (r.lastFetchTimestamp().isPresent() ? " for " + behind / 1000 + " s" : "");
                    evidence.computeIfAbsent(r.replicaId(), k -> new ArrayList<>()).add(what);
                }
            }
        }
        m.put("quorum_known", true);
        m.put("quorum_voters", (long) q.voters().size());
        m.put("quorum_voter_ids", ids(q.voters().stream().map(QuorumInfo.ReplicaState::replicaId).toList()));
        m.put("quorum_leader_id", (long) q.leaderId());
    }

    /** Only a quorum voter (e.g. a controller-only node), not known as a broker. */
    private static boolean quorumOnly(List<String> evidence) {
        return evidence.stream().allMatch(e -> e.startsWith("quorum voter"));
    }

    private static Map<String, Object> row(Node n, String state) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", n.id());
        row.put("host", n.host());
        row.put("port", n.port() < 0 ? "-" : n.port());
        row.put("rack", n.hasRack() ? n.rack() : "-");
        row.put("state", state);
        return row;
    }

    private static String ids(java.util.Collection<Integer> ids) {
        return String.join(",", ids.stream().sorted().map(String::valueOf).toList());
    }
}
