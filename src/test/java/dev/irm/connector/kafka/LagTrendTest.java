package dev.irm.connector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irm.connector.kafka.LagTrend.Trend;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The Burrow-style judgement of two snapshots of one group (the broker-backed cases are in KafkaDiagnoseTest). */
class LagTrendTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    /** A group with one member (or none) and, per partition, committed and log-end offsets. */
    private static GroupSnapshot group(int members, long c0, long end0, long c1, long end1) {
        Map<TopicPartition, GroupSnapshot.PartitionLag> partitions = new LinkedHashMap<>();
        partitions.put(P0, new GroupSnapshot.PartitionLag(P0, c0, end0, null));
        partitions.put(P1, new GroupSnapshot.PartitionLag(P1, c1, end1, null));
        return new GroupSnapshot("g", true, members > 0 ? "STABLE" : "EMPTY", members, partitions);
    }

    @Test
    void noLagIsOkWhateverElse() {
        assertEquals(Trend.OK, LagTrend.judge(group(0, 5, 5, 7, 7), group(0, 5, 5, 7, 7), true));
    }

    @Test
    void lagWithoutMembersIsStopped() {
        assertEquals(Trend.STOPPED, LagTrend.judge(group(0, 0, 100, 0, 0), group(0, 0, 100, 0, 0), false));
    }

    @Test
    void committedOffsetsThatDoNotMoveWhileLagRemainsAreStalled() {
        assertEquals(Trend.STALLED, LagTrend.judge(group(1, 10, 100, 0, 50), group(1, 10, 120, 0, 60), true));
    }

    @Test
    void shrinkingLagIsCatchingUp() {
        assertEquals(Trend.CATCHING_UP, LagTrend.judge(group(1, 10, 100, 0, 50), group(1, 40, 100, 20, 50), true));
    }

    @Test
    void lagGrowingWhileCommitsMoveIsFallingBehind() {
        assertEquals(Trend.FALLING_BEHIND, LagTrend.judge(group(1, 10, 100, 0, 50), group(1, 20, 150, 10, 90), true));
    }

    @Test
    void steadyLagWithMovingCommitsIsKeepingUp() {
        assertEquals(Trend.OK, LagTrend.judge(group(1, 10, 100, 0, 50), group(1, 30, 120, 20, 70), true));
    }

    @Test
    void oneSnapshotCannotTellATrend() {
        assertEquals(Trend.LAGGING, LagTrend.judge(group(1, 10, 100, 0, 50), group(1, 10, 100, 0, 50), false));
    }

    @Test
    void partitionsWithoutACommitDoNotCountAsLag() {
        Map<TopicPartition, GroupSnapshot.PartitionLag> partitions = Map.of(P0, new GroupSnapshot.PartitionLag(P0, null, 500, "c@h"));
        GroupSnapshot s = new GroupSnapshot("g", true, "STABLE", 1, partitions);
        assertEquals(0, s.totalLag());
        assertEquals(Trend.OK, LagTrend.judge(s, s, true));
    }
}
