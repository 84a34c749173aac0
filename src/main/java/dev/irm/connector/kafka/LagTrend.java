package dev.irm.connector.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A short sampling window over consumer groups, judged the way LinkedIn's Burrow does: a group
 * whose committed offsets do not move while it has lag is STALLED; one with lag and no members
 * is STOPPED; otherwise lag shrinking is CATCHING_UP and lag growing is FALLING_BEHIND.
 * Only groups that have both members and lag are sampled again, so a healthy cluster answers
 * after one snapshot.
 */
final class LagTrend {
    enum Trend { OK, CATCHING_UP, FALLING_BEHIND, STALLED, STOPPED, LAGGING, NO_GROUP }

    /** First and last snapshot of one group and what the window says about it. */
    record Window(GroupSnapshot first, GroupSnapshot last, Trend trend, long windowMs, int samples) {
        long lagDelta() {
            return last.totalLag() - first.totalLag();
        }

        long committedDelta() {
            return last.committedSum() - first.committedSum();
        }

        long producedDelta() {
            return last.logEndSum() - first.logEndSum();
        }
    }

    private LagTrend() {
    }

    static Map<String, Window> sample(ReadOnlyKafka kafka, Collection<String> groups, int samples, Duration interval) throws Exception {
        long started = System.nanoTime();
        Map<String, GroupSnapshot> first = GroupSnapshot.take(kafka, groups);
        Map<String, GroupSnapshot> last = new LinkedHashMap<>(first);
        List<String> moving = new ArrayList<>();
        first.forEach((g, s) -> {
            if (s.members() > 0 && s.totalLag() > 0) {
                moving.add(g);
            }
        });
        int taken = 1;
        while (!moving.isEmpty() && taken < samples) {
            Thread.sleep(interval.toMillis());
            last.putAll(GroupSnapshot.take(kafka, moving));
            taken++;
        }
        long windowMs = (System.nanoTime() - started) / 1_000_000;
        Map<String, Window> out = new LinkedHashMap<>();
        for (String g : groups) {
            boolean sampled = moving.contains(g) && taken > 1;
            out.put(g, new Window(first.get(g), last.get(g), judge(first.get(g), last.get(g), sampled),
                    sampled ? windowMs : 0, sampled ? taken : 1));
        }
        return out;
    }

    static Trend judge(GroupSnapshot first, GroupSnapshot last, boolean sampled) {
        if (!last.exists()) {
            return Trend.NO_GROUP;
        }
        if (last.totalLag() == 0) {
            return Trend.OK;
        }
        if (last.members() == 0) {
            return Trend.STOPPED;
        }
        if (!sampled) {
            return Trend.LAGGING;
        }
        if (last.committedSum() == first.committedSum()) {
            return Trend.STALLED;
        }
        if (last.totalLag() < first.totalLag()) {
            return Trend.CATCHING_UP;
        }
        return last.totalLag() > first.totalLag() ? Trend.FALLING_BEHIND : Trend.OK;
    }
}
