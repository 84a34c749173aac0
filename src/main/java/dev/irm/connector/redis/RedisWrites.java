package dev.irm.connector.redis;

import dev.irm.connector.Args;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;

/**
 * Write actions: each has a read-only preview (its blast radius) and an apply that needs a
 * {@link Consent}. Values go to Redis as command arguments, never spliced into a script.
 */
final class RedisWrites {
    static final Set<String> SETTABLE = Set.of("maxmemory-policy", "maxmemory");
    static final Set<String> POLICIES = Set.of("noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random",
            "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl");

    private RedisWrites() {
    }

    static Preview previewDeletePattern(ReadOnlyRedis redis, Args args, RedisEndpoint endpoint) {
        Observation count = RedisReads.scanCount(redis, Args.of("pattern", args.string("pattern"), "sample", 5L));
        long n = (Long) count.metrics().get("count");
        List<Map<String, Object>> sample = count.rows();
        String batch = String.valueOf(args.number("batch", 500));
        return new Preview("SCAN MATCH " + args.string("pattern") + " COUNT 1000, UNLINK in batches of " + batch + " on " + endpoint,
                n + " key(s) match '" + args.string("pattern") + "' and will be deleted", n, sample, args.string("pattern"));
    }

    static Observation deletePattern(Jedis jedis, ReadOnlyRedis redis, Args args, Consent consent) {
        String pattern = args.string("pattern");
        int batch = (int) args.number("batch", 500);
        long deleted = 0;
        long batches = 0;
        String cursor = "0";
        List<String> pending = new ArrayList<>();
        do {
            List<Object> reply = redis.list("SCAN", cursor, "MATCH", pattern, "COUNT", String.valueOf(RedisReads.SCAN_COUNT));
            cursor = reply.get(0).toString();
            for (Object k : (List<?>) reply.get(1)) {
                pending.add(k.toString());
                if (pending.size() >= batch) {
                    deleted += jedis.unlink(pending.toArray(String[]::new));
                    batches++;
                    pending.clear();
                }
            }
        } while (!"0".equals(cursor));
        if (!pending.isEmpty()) {
            deleted += jedis.unlink(pending.toArray(String[]::new));
            batches++;
        }
        Map<String, Object> m = new LinkedHashMap<>(); // Map.of's order changes from one JVM to the next
        m.put("batches", batches);
        m.put("deleted", deleted);
        return Observation.of(m);
    }

    static Preview previewDeleteKeys(ReadOnlyRedis redis, Args args, RedisEndpoint endpoint) {
        List<String> keys = args.strings("keys");
        List<Map<String, Object>> sample = new ArrayList<>();
        long existing = 0;
        for (String key : keys) {
            Observation o = RedisReads.key(redis, Args.of("key", key));
            if (Boolean.TRUE.equals(o.metrics().get("exists"))) {
                existing++;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("type", o.metrics().get("type"));
            row.put("size", o.metrics().get("size"));
            sample.add(row);
        }
        String sizes = sample.stream().map(r -> r.get("key") + " (" + r.get("type") + ", " + r.get("size") + " members)")
                .reduce((a, b) -> a + ", " + b).orElse("");
        return new Preview("UNLINK " + String.join(" ", keys) + " on " + endpoint,
                existing + " of " + keys.size() + " key(s) exist and will be deleted: " + sizes, existing, sample, keys.get(0));
    }

    static Observation deleteKeys(Jedis jedis, Args args, Consent consent) {
        return Observation.of(Map.of("deleted", jedis.unlink(args.strings("keys").toArray(String[]::new))));
    }

    static Preview previewConfigSet(ReadOnlyRedis redis, Args args, RedisEndpoint endpoint) {
        String parameter = args.string("parameter");
        String value = args.string("value");
        checkSetting(parameter, value);
        List<Object> current = redis.list("CONFIG", "GET", parameter);
        String now = current.size() >= 2 ? current.get(1).toString() : "?";
        return Preview.of("CONFIG SET " + parameter + " " + value + " on " + endpoint,
                parameter + ": " + now + " → " + value + " (takes effect at once for every client; not persisted to redis.conf)", 1, parameter);
    }

    static Observation configSet(Jedis jedis, Args args, Consent consent) {
        checkSetting(args.string("parameter"), args.string("value"));
        String reply = jedis.configSet(args.string("parameter"), args.string("value"));
        return Observation.of(Map.of("reply", reply));
    }

    static Preview previewFlushDb(ReadOnlyRedis redis, RedisEndpoint endpoint) {
        long keys = redis.number("DBSIZE");
        String word = endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
        return Preview.of("FLUSHDB on " + endpoint, "ALL " + keys + " key(s) of database " + endpoint.database()
                + " are deleted: queues, locks, sessions and cache alike", keys, word);
    }

    static Observation flushDb(Jedis jedis, Consent consent) {
        return Observation.of(Map.of("reply", jedis.flushDB()));
    }

    static void checkSetting(String parameter, String value) {
        checkParameter(parameter);
        if (parameter.equals("maxmemory-policy") && !POLICIES.contains(value)) {
            throw new IllegalArgumentException("maxmemory-policy '" + value + "' is not one of " + String.join(", ", POLICIES));
        }
        if (parameter.equals("maxmemory") && !value.matches("\\d{1,15}(b|kb|mb|gb)?")) {
            throw new IllegalArgumentException("maxmemory '" + value + "' is not a size such as 512mb");
        }
    }

    static void checkParameter(Object value) {
        if (value == null || !SETTABLE.contains(value.toString())) {
            throw new IllegalArgumentException("'" + value + "' cannot be set by irm (allowed: " + String.join(", ", SETTABLE) + ")");
        }
    }
}
