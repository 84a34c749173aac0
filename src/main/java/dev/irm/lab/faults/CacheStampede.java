package dev.irm.lab.faults;

import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * cache-stampede: the seat cache is gone, reads stop filling it (app switch /cache/fill?on=false) and
 * the app keeps serving seat reads (/traffic?rps=N) while the fault is on: every read misses Redis and
 * goes to the database, so the hit ratio collapses now, under live traffic, not only in the history.
 */
final class CacheStampede implements Fault {
    private static final int READS_PER_SECOND = 300;

    public String runbook() {
        return "cache-stampede";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "cache:* dropped, cache filling off (POST /lab/faults/cache/fill?on=false), " + READS_PER_SECOND
                + " seat reads a second that all miss while the fault is on (POST /lab/faults/traffic?rps=" + READS_PER_SECOND + ")";
    }

    public Map<String, String> inject(LabAccess lab) {
        lab.app().fault("/cache/fill?on=false");
        try (Jedis redis = lab.redis()) {
            RedisKeys.unlinkMatching(redis, "cache:*");
            redis.configResetStat();
        }
        lab.app().fault("/traffic?rps=" + READS_PER_SECOND);
        return Map.of();
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/traffic?rps=0");
        lab.app().fault("/cache/fill?on=true");
        try (Jedis redis = lab.redis()) {
            redis.configResetStat();
        }
        lab.forgetRequestSeries();
    }
}
