package dev.irm.lab.faults;

import java.util.Map;
import redis.clients.jedis.Jedis;

/**
 * cache-stampede: the seat cache is gone and reads stop filling it (app switch /cache/fill?on=false); 300
 * seat reads then all miss Redis and go to the database: the hit ratio collapses.
 */
final class CacheStampede implements Fault {
    private static final int READS = 300;

    public String runbook() {
        return "cache-stampede";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "cache:* dropped, cache filling off (POST /lab/faults/cache/fill?on=false), " + READS + " seat reads that all miss";
    }

    public Map<String, String> inject(LabAccess lab) {
        lab.app().fault("/cache/fill?on=false");
        try (Jedis redis = lab.redis()) {
            RedisKeys.unlinkMatching(redis, "cache:*");
            redis.configResetStat();
        }
        Load.send(lab.app(), READS, i -> lab.app().get("/api/concerts/" + (1 + i % 20) + "/seats"));
        return Map.of();
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        lab.app().fault("/cache/fill?on=true");
        try (Jedis redis = lab.redis()) {
            redis.configResetStat();
        }
        lab.forgetRequestSeries();
    }
}
