package dev.irm.connector.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The only door diagnostics have to Kafka: describe and list calls of the Admin API, nothing
 * that alters, creates, deletes or commits. Every call carries the per-call timeout.
 */
final class ReadOnlyKafka {
    private final Admin admin;
    private final int timeoutMs;

    ReadOnlyKafka(Admin admin, int timeoutMs) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
    }

    /** {@code brokers} are the live ones; {@code fenced} the registered brokers that are fenced (KIP-1073, Kafka 4.0+). */
    record Cluster(String clusterId, Collection<Node> brokers, Collection<Node> fenced, Node controller, boolean fencedKnown) {
    }

    Cluster cluster() throws Exception {
        DescribeClusterResult r;
        Collection<Node> nodes;
        boolean fencedKnown = true;
        try {
            r = admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true).timeoutMs(timeoutMs));
            nodes = get(r.nodes());
        } catch (UnsupportedVersionException olderBroker) {
            // brokers before Kafka 4.0 cannot list fenced brokers: the live ones only
            r = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            nodes = get(r.nodes());
            fencedKnown = false;
        }
        return new Cluster(get(r.clusterId()), nodes.stream().filter(n -> !n.isFenced()).toList(),
                nodes.stream().filter(Node::isFenced).toList(), get(r.controller()), fencedKnown);
    }

    /** The KRaft metadata quorum: voters, observers and how recently each fetched from the leader. */
    QuorumInfo quorum() throws Exception {
        return get(admin.describeMetadataQuorum(new DescribeMetadataQuorumOptions().timeoutMs(timeoutMs)).quorumInfo());
    }

    /** Every topic, internal ones too: their replica lists name the brokers the cluster expects. */
    Set<String> allTopicNames() throws Exception {
        return get(admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(timeoutMs)).names());
    }

    Set<String> topicNames() throws Exception {
        return get(admin.listTopics(new ListTopicsOptions().listInternal(false).timeoutMs(timeoutMs)).names());
    }

    Map<String, TopicDescription> describeTopics(Collection<String> names) throws Exception {
        if (names.isEmpty()) {
            return Map.of();
        }
        return get(admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(timeoutMs)).allTopicNames());
    }

    Collection<GroupListing> consumerGroups() throws Exception {
        try {
            return get(admin.listGroups(ListGroupsOptions.forConsumerGroups().timeoutMs(timeoutMs)).all());
        } catch (UnsupportedVersionException olderBroker) {
            // brokers before KIP-848 cannot filter by group type: keep the groups of the consumer protocol
            return get(admin.listGroups(new ListGroupsOptions().timeoutMs(timeoutMs)).all()).stream()
                    .filter(g -> "consumer".equals(g.protocol()) || g.protocol().isEmpty()).toList();
        }
    }

    /** The groups the broker knows (not DEAD, not "group id not found"); unknown ones are left out. */
    Map<String, ConsumerGroupDescription> describeGroups(Collection<String> groups) throws Exception {
        Map<String, ConsumerGroupDescription> out = new HashMap<>();
        if (groups.isEmpty()) {
            return out;
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> found = admin.describeConsumerGroups(groups,
                new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs)).describedGroups();
        for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> e : found.entrySet()) {
            try {
                ConsumerGroupDescription d = get(e.getValue());
                if (d.groupState() != GroupState.DEAD) {
                    out.put(e.getKey(), d);
                }
            } catch (GroupIdNotFoundException notFound) {
                // a group nobody ever joined or committed for
            }
        }
        return out;
    }

    /** Committed offsets of several groups in one request; partitions without a commit are left out. */
    Map<String, Map<TopicPartition, Long>> committed(Collection<String> groups) throws Exception {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        if (specs.isEmpty()) {
            return Map.of();
        }
        ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs,
                new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));
        Map<String, Map<TopicPartition, Long>> out = new HashMap<>();
        for (String group : specs.keySet()) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            try {
                get(result.partitionsToOffsetAndMetadata(group)).forEach((tp, om) -> {
                    if (om != null) {
                        committed.put(tp, om.offset());
                    }
                });
            } catch (GroupIdNotFoundException notFound) {
                // no offsets committed by that group
            }
            out.put(group, committed);
        }
        return out;
    }

    Map<TopicPartition, Long> logEnd(Collection<TopicPartition> partitions) throws Exception {
        return offsets(partitions, OffsetSpec.latest());
    }

    Map<TopicPartition, Long> earliest(Collection<TopicPartition> partitions) throws Exception {
        return offsets(partitions, OffsetSpec.earliest());
    }

    /** The first offset at or after {@code epochMillis} per partition; -1 where no message is that recent. */
    Map<TopicPartition, Long> offsetsAt(Collection<TopicPartition> partitions, long epochMillis) throws Exception {
        return offsets(partitions, OffsetSpec.forTimestamp(epochMillis));
    }

    /** One batched ListOffsets request for all partitions. */
    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        get(admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeoutMs)).all())
                .forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private <T> T get(KafkaFuture<T> future) throws Exception {
        try {
            return future.get(timeoutMs + 500L, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
