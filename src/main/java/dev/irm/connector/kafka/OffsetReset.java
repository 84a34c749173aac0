package dev.irm.connector.kafka;

import dev.irm.connector.Args;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import dev.irm.support.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code kafka.reset-offsets}: moves the committed offsets of an inactive group to the log end or
 * to the first message newer than a duration ago. The preview computes the new offset of every
 * partition; the apply writes exactly those offsets, and refuses if the group gained members or
 * its offsets moved since the preview.
 */
final class OffsetReset {
    /** What the preview computed; the apply executes it unchanged. */
    record Plan(String group, String to, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> target) {
        long skipped() {
            return target.entrySet().stream().mapToLong(e -> e.getValue() - committed.get(e.getKey())).filter(d -> d > 0).sum();
        }

        long replayed() {
            return target.entrySet().stream().mapToLong(e -> committed.get(e.getKey()) - e.getValue()).filter(d -> d > 0).sum();
        }
    }

    private final Map<String, Plan> previewed = new LinkedHashMap<>();

    static void checkTo(Object value) {
        String to = value == null ? "" : value.toString().trim();
        if (!to.equals("latest")) {
            try {
                Durations.parse(to);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("to '" + to + "' must be 'latest' or a duration such as 30m, 2h (offsets of that long ago)");
            }
        }
    }

    static void checkGroup(Object value) {
        if (value == null || !value.toString().matches("[A-Za-z0-9._\\-]{1,249}")) {
            throw new IllegalArgumentException("group '" + value + "' must be 1–249 characters of A-Z a-z 0-9 . _ -");
        }
    }

    Preview preview(ReadOnlyKafka kafka, Args args, String endpoint) throws Exception {
        String group = args.string("group");
        String to = args.string("to", "latest");
        checkGroup(group);
        checkTo(to);
        GroupSnapshot now = GroupSnapshot.take(kafka, List.of(group)).get(group);
        requireInactive(now);
        Map<TopicPartition, Long> committed = new LinkedHashMap<>();
        now.partitions().values().forEach(p -> {
            if (p.committed() != null) {
                committed.put(p.partition(), p.committed());
            }
        });
        if (committed.isEmpty()) {
            throw new IllegalArgumentException("group " + group + " has no committed offsets to reset");
        }
        Map<TopicPartition, Long> target = targets(kafka, now, committed, to);
        Plan plan = new Plan(group, to, committed, target);
        previewed.put(key(group, to), plan);
        List<Map<String, Object>> sample = new ArrayList<>();
        committed.forEach((tp, c) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", tp.topic());
            row.put("partition", tp.partition());
            row.put("committed", c);
            row.put("new_offset", target.get(tp));
            row.put("skipped", Math.max(0, target.get(tp) - c));
            row.put("replayed", Math.max(0, c - target.get(tp)));
            sample.add(row);
        });
        String blast = plan.skipped() + " message(s) across " + committed.size() + " partition(s) are skipped: group " + group
                + " will never process them" + (plan.replayed() > 0 ? "; " + plan.replayed() + " message(s) are processed again" : "")
                + " (per partition: " + String.join(", ", sample.stream().map(r -> r.get("topic") + "-" + r.get("partition")
                + " " + r.get("committed") + "→" + r.get("new_offset")).toList()) + ")";
        String command = "alter offsets of group " + group + " to " + (to.equals("latest") ? "the log end" : "the first message after now−" + to)
                + " on " + endpoint + " (= kafka-consumer-groups --reset-offsets --group " + group
                + (to.equals("latest") ? " --to-latest" : " --to-datetime <now−" + to + ">") + " --all-topics --execute)";
        return new Preview(command, blast, plan.skipped(), sample, group);
    }

    Observation apply(Admin admin, ReadOnlyKafka kafka, Args args, Consent consent, int timeoutMs) throws Exception {
        if (consent == null) {
            throw new IllegalStateException("a write needs consent");
        }
        String group = args.string("group");
        String to = args.string("to", "latest");
        Plan plan = previewed.remove(key(group, to));
        if (plan == null) {
            throw new IllegalStateException("no preview of this reset: it must be previewed before it is applied");
        }
        GroupSnapshot now = GroupSnapshot.take(kafka, List.of(group)).get(group);
        requireInactive(now);
        for (Map.Entry<TopicPartition, Long> e : plan.committed().entrySet()) {
            GroupSnapshot.PartitionLag p = now.partitions().get(e.getKey());
            if (p == null || !e.getValue().equals(p.committed())) {
                throw new IllegalStateException("committed offset of " + e.getKey() + " moved since the preview ("
                        + e.getValue() + " → " + (p == null ? "none" : p.committed()) + "): nothing changed, preview again");
            }
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        plan.target().forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset, "irm reset by " + consent.givenBy())));
        admin.alterConsumerGroupOffsets(group, offsets, new AlterConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
                .all().get(timeoutMs + 500L, TimeUnit.MILLISECONDS);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("partitions", (long) offsets.size());
        m.put("skipped", plan.skipped());
        m.put("replayed", plan.replayed());
        return Observation.of(m);
    }

    private static Map<TopicPartition, Long> targets(ReadOnlyKafka kafka, GroupSnapshot now, Map<TopicPartition, Long> committed, String to)
            throws Exception {
        Map<TopicPartition, Long> target = new LinkedHashMap<>();
        if (to.equals("latest")) {
            committed.keySet().forEach(tp -> target.put(tp, now.partitions().get(tp).logEnd()));
            return target;
        }
        Duration ago = Durations.parse(to);
        Map<TopicPartition, Long> at = kafka.offsetsAt(committed.keySet(), Instant.now().minus(ago).toEpochMilli());
        for (TopicPartition tp : committed.keySet()) {
            long offset = at.getOrDefault(tp, -1L);
            target.put(tp, offset < 0 ? now.partitions().get(tp).logEnd() : offset);
        }
        return target;
    }

    private static void requireInactive(GroupSnapshot group) {
        if (!group.exists()) {
            throw new IllegalArgumentException("group " + group.group() + " does not exist");
        }
        if (group.members() > 0) {
            throw new IllegalArgumentException("group " + group.group() + " has " + group.members()
                    + " active member(s): offsets of an active group are not reset; stop its consumers first");
        }
    }

    private static String key(String group, String to) {
        return group + "\u0000" + to;
    }
}
