package dev.irm.connector.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Lag of one consumer group at one moment: log-end − committed per partition. Partitions the
 * group never committed for are shown but not counted (their lag is unknown, as in
 * {@code kafka-consumer-groups --describe}).
 */
record GroupSnapshot(String group, boolean exists, String state, int members, Map<TopicPartition, PartitionLag> partitions) {

    record PartitionLag(TopicPartition partition, Long committed, long logEnd, String consumer) {
        long lag() {
            return committed == null ? 0 : Math.max(0, logEnd - committed);
        }
    }

    /** Snapshots of several groups with three requests in all: describe, committed offsets, one batched ListOffsets. */
    static Map<String, GroupSnapshot> take(ReadOnlyKafka kafka, Collection<String> groups) throws Exception {
        Map<String, ConsumerGroupDescription> described = kafka.describeGroups(groups);
        Map<String, Map<TopicPartition, Long>> committed = kafka.committed(groups);
        Set<TopicPartition> all = new HashSet<>();
        committed.values().forEach(c -> all.addAll(c.keySet()));
        described.values().forEach(d -> d.members().forEach(m -> all.addAll(m.assignment().topicPartitions())));
        Map<TopicPartition, Long> logEnd = kafka.logEnd(all);
        Map<String, GroupSnapshot> out = new LinkedHashMap<>();
        for (String group : groups) {
            ConsumerGroupDescription d = described.get(group);
            Map<TopicPartition, Long> offsets = committed.getOrDefault(group, Map.of());
            Map<TopicPartition, String> owners = new LinkedHashMap<>();
            if (d != null) {
                for (MemberDescription m : d.members()) {
                    m.assignment().topicPartitions().forEach(tp -> owners.put(tp, m.clientId() + "@" + m.host()));
                }
            }
            Set<TopicPartition> mine = new HashSet<>(offsets.keySet());
            mine.addAll(owners.keySet());
            Map<TopicPartition, PartitionLag> partitions = new LinkedHashMap<>();
            mine.stream().sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                    .forEach(tp -> partitions.put(tp, new PartitionLag(tp, offsets.get(tp), logEnd.getOrDefault(tp, 0L), owners.get(tp))));
            boolean exists = d != null || !offsets.isEmpty();
            String state = d == null ? (exists ? "EMPTY" : "NONE") : d.groupState().name();
            out.put(group, new GroupSnapshot(group, exists, state, d == null ? 0 : d.members().size(), partitions));
        }
        return out;
    }

    long totalLag() {
        return partitions.values().stream().mapToLong(PartitionLag::lag).sum();
    }

    long committedSum() {
        return partitions.values().stream().mapToLong(p -> p.committed() == null ? 0 : p.committed()).sum();
    }

    long logEndSum() {
        return partitions.values().stream().mapToLong(PartitionLag::logEnd).sum();
    }

    PartitionLag worst() {
        return partitions.values().stream().max(Comparator.comparingLong(PartitionLag::lag)).orElse(null);
    }

    /** Per-partition rows, the most lagging first, with how far each committed offset moved since {@code first}. */
    List<Map<String, Object>> rows(GroupSnapshot first, int limit) {
        List<PartitionLag> sorted = new ArrayList<>(partitions.values());
        sorted.sort(Comparator.comparingLong(PartitionLag::lag).reversed());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PartitionLag p : sorted.subList(0, Math.min(limit, sorted.size()))) {
            PartitionLag before = first.partitions().get(p.partition());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", p.partition().topic());
            row.put("partition", p.partition().partition());
            row.put("committed", p.committed() == null ? "-" : p.committed());
            row.put("log_end", p.logEnd());
            row.put("lag", p.committed() == null ? "-" : p.lag());
            row.put("committed_delta", before == null || before.committed() == null || p.committed() == null ? 0L : p.committed() - before.committed());
            row.put("consumer", p.consumer() == null ? "-" : p.consumer());
            rows.add(row);
        }
        return rows;
    }
}
