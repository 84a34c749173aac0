package dev.irm.lab.faults;

import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * redis-oom: maxmemory lowered to a few MiB above what Redis holds, policy noeviction, then filled with
 * {@code lab:fault:fill:*} keys past 90 %: writes fail with "OOM command not allowed".
 */
final class RedisOom implements Fault {
    static final String FILL_PATTERN = "lab:fault:fill:*";
    private static final int VALUE_BYTES = 64 * 1024;
    private static final long HEADROOM = 8L * 1024 * 1024;

    public String runbook() {
        return "redis-oom";
    }

    public String expected() {
        return "CRITICAL";
    }

    public String how() {
        return "CONFIG SET maxmemory (used + 8 MiB) and maxmemory-policy noeviction, then lab:fault:fill:* keys past 90 %";
    }

    public Map<String, String> inject(LabAccess lab) {
        try (Jedis redis = lab.redis()) {
            String maxmemory = redis.configGet("maxmemory").get("maxmemory");
            String policy = redis.configGet("maxmemory-policy").get("maxmemory-policy");
            long limit = usedMemory(redis) + HEADROOM;
            redis.configSet("maxmemory-policy", "noeviction");
            redis.configSet("maxmemory", Long.toString(limit));
            byte[] value = new byte[VALUE_BYTES];
            for (int i = 0; usedMemory(redis) * 100 < limit * 92; i++) {
                try {
                    redis.set(("lab:fault:fill:" + i).getBytes(), value);
                } catch (JedisDataException full) {
                    break;
                }
            }
            return Map.of("maxmemory", maxmemory, "policy", policy);
        }
    }

    public void heal(LabAccess lab, Map<String, String> remembered) {
        try (Jedis redis = lab.redis()) {
            RedisKeys.unlinkMatching(redis, FILL_PATTERN);
            if (remembered.containsKey("maxmemory")) {
                redis.configSet("maxmemory", remembered.get("maxmemory"));
                redis.configSet("maxmemory-policy", remembered.get("policy"));
            }
        }
    }

    private static long usedMemory(Jedis redis) {
        for (String line : redis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO memory without used_memory");
    }
}
