package dev.irm.connector.kafka;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import dev.irm.support.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** Read actions: each turns a few describe/list calls into metrics for checks and rows for people. */
final class KafkaReads {
    static final int MAX_ROWS = 50;
    /** kafka.groups judges each group from its row: enough rows for every group of a large cluster. */
    static final int GROUP_ROWS = 1000;

    private KafkaReads() {
    }

    static Observation cluster(ReadOnlyKafka kafka, Args args) throws Exception {
        return BrokerCensus.observe(kafka, args.number("expected", 0));
    }

    static Observation topics(ReadOnlyKafka kafka, Args args) throws Exception {
        Map<String, TopicDescription> topics = kafka.describeTopics(kafka.topicNames());
        long partitions = 0;
        long offline = 0;
        long underReplicated = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TopicDescription t : topics.values().stream().sorted(Comparator.comparing(TopicDescription::name)).toList()) {
            long topicOffline = 0;
            long topicUnder = 0;
            for (TopicPartitionInfo p : t.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    topicOffline++;
                }
                if (p.isr().size() < p.replicas().size()) {
                    topicUnder++;
                }
            }
            partitions += t.partitions().size();
            offline += topicOffline;
            underReplicated += topicUnder;
            if (rows.size() < MAX_ROWS) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("topic", t.name());
                row.put("partitions", t.partitions().size());
                row.put("replicas", t.partitions().isEmpty() ? 0 : t.partitions().get(0).replicas().size());
                row.put("under_replicated", topicUnder);
                row.put("offline", topicOffline);
                rows.add(row);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topics", (long) topics.size());
        m.put("partitions", partitions);
        m.put("offline_partitions", offline);
        m.put("under_replicated_partitions", underReplicated);
        return Observation.of(m, rows);
    }

    /** One group: state, members, lag per partition and, over a short window, its trend. */
    static Observation groupLag(ReadOnlyKafka kafka, Args args) throws Exception {
        String group = args.string("group");
        LagTrend.Window w = LagTrend.sample(kafka, List.of(group), samples(args), interval(args)).get(group);
        GroupSnapshot last = w.last();
        GroupSnapshot.PartitionLag worst = last.worst();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("group", group);
        m.put("exists", last.exists());
        m.put("state", last.state());
        m.put("members", (long) last.members());
        m.put("partitions", (long) last.partitions().size());
        m.put("total_lag", last.totalLag());
        m.put("max_lag", worst == null ? 0L : worst.lag());
        m.put("worst_partition", worst == null || worst.lag() == 0 ? "" : worst.partition().toString());
        m.put("trend", w.trend().name());
        m.put("lag_delta", w.lagDelta());
        m.put("committed_delta", w.committedDelta());
        m.put("produced_delta", w.producedDelta());
        m.put("window_ms", w.windowMs());
        m.put("samples", (long) w.samples());
        return Observation.of(m, last.rows(w.first(), MAX_ROWS));
    }

    /**
     * Every consumer group but those in {@code except} (the groups a runbook judges on their own,
     * so none is reported twice), each judged over the same window.
     */
    static Observation groups(ReadOnlyKafka kafka, Args args) throws Exception {
        List<String> except = args.strings("except");
        except.forEach(OffsetReset::checkGroup);
        List<String> ids = kafka.consumerGroups().stream().map(GroupListing::groupId)
                .filter(id -> !except.contains(id)).sorted().toList();
        Map<String, LagTrend.Window> windows = LagTrend.sample(kafka, ids, samples(args), interval(args));
        Map<LagTrend.Trend, Long> counts = new LinkedHashMap<>();
        for (LagTrend.Trend t : LagTrend.Trend.values()) {
            counts.put(t, 0L);
        }
        long total = 0;
        String worstGroup = "";
        long worstLag = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LagTrend.Window w : windows.values()) {
            GroupSnapshot s = w.last();
            counts.merge(w.trend(), 1L, Long::sum);
            total += s.totalLag();
            if (s.totalLag() > worstLag) {
                worstLag = s.totalLag();
                worstGroup = s.group();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", s.group());
            row.put("state", s.state());
            row.put("members", (long) s.members());
            row.put("lag", s.totalLag());
            row.put("trend", w.trend().name());
            rows.add(row);
        }
        // groups with lag and nobody consuming first, then the most behind: the order findings are listed in
        rows.sort(Comparator.comparing((Map<String, Object> r) -> !stopped(r))
                .thenComparing(Comparator.comparingLong((Map<String, Object> r) -> (Long) r.get("lag")).reversed()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groups", (long) windows.size());
        m.put("lagging", windows.values().stream().filter(w -> w.last().totalLag() > 0).count());
        m.put("stopped", counts.get(LagTrend.Trend.STOPPED));
        m.put("stalled", counts.get(LagTrend.Trend.STALLED));
        m.put("falling_behind", counts.get(LagTrend.Trend.FALLING_BEHIND));
        m.put("catching_up", counts.get(LagTrend.Trend.CATCHING_UP));
        m.put("total_lag", total);
        m.put("worst_group", worstGroup);
        m.put("worst_group_lag", worstLag);
        return Observation.of(m, rows.subList(0, Math.min(GROUP_ROWS, rows.size())));
    }

    private static boolean stopped(Map<String, Object> row) {
        return (Long) row.get("lag") > 0 && ((Number) row.get("members")).intValue() == 0;
    }

    /** Dead-letter topics matching a glob and how many messages each holds (log-end − earliest). */
    static Observation dlq(ReadOnlyKafka kafka, Args args) throws Exception {
        String pattern = args.string("pattern", "*.dlq");
        Pattern glob = glob(pattern);
        List<String> names = kafka.topicNames().stream().filter(n -> glob.matcher(n).matches()).sorted().toList();
        Map<String, TopicDescription> topics = kafka.describeTopics(names);
        List<TopicPartition> partitions = new ArrayList<>();
        topics.values().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
        Map<TopicPartition, Long> end = kafka.logEnd(partitions);
        Map<TopicPartition, Long> start = kafka.earliest(partitions);
        Map<String, Long> perTopic = new LinkedHashMap<>();
        names.forEach(n -> perTopic.put(n, 0L));
        for (TopicPartition tp : partitions) {
            perTopic.merge(tp.topic(), Math.max(0, end.getOrDefault(tp, 0L) - start.getOrDefault(tp, 0L)), Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        perTopic.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(MAX_ROWS).forEach(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", e.getKey());
            row.put("messages", e.getValue());
            rows.add(row);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pattern", pattern);
        m.put("topics", (long) names.size());
        m.put("non_empty", perTopic.values().stream().filter(v -> v > 0).count());
        m.put("messages", perTopic.values().stream().mapToLong(Long::longValue).sum());
        m.put("worst_topic", rows.isEmpty() || (Long) rows.get(0).get("messages") == 0 ? "" : rows.get(0).get("topic"));
        m.put("worst_messages", rows.isEmpty() ? 0L : rows.get(0).get("messages"));
        return Observation.of(m, rows);
    }

    static int samples(Args args) {
        long n = args.number("samples", 3);
        if (n < 1 || n > 20) {
            throw new IllegalArgumentException("samples must be 1–20, not " + n);
        }
        return (int) n;
    }

    static Duration interval(Args args) {
        Duration d = Durations.parse(args.string("interval", "1s"));
        if (d.toMillis() > 10_000) {
            throw new IllegalArgumentException("interval must be at most 10s");
        }
        return d;
    }

    /** A topic glob ({@code *} any run, {@code ?} one character) as an anchored regular expression. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
