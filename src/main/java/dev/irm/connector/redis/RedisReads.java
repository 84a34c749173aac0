package dev.irm.connector.redis;

import dev.irm.connector.Args;
import dev.irm.connector.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Read actions. Each uses only {@link ReadOnlyRedis}. */
final class RedisReads {
    static final int SCAN_COUNT = 1000;

    private RedisReads() {
    }

    static Observation ping(ReadOnlyRedis redis, Args args) {
        long started = System.nanoTime();
        String reply = redis.text("PING");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reply", reply);
        m.put("latency_ms", (System.nanoTime() - started) / 1_000_000.0);
        return Observation.of(m);
    }

    /**
     * One INFO, plus derived values: used_pct, keys and the hit ratio — over the recent {@code window},
     * since start only when no window could be taken ({@link HitWindow}).
     */
    static Observation info(ReadOnlyRedis redis, Args args, HitWindow hitWindow) {
        String section = args.string("section", "everything");
        Map<String, Object> m = parseInfo(redis.text("INFO", section));
        long now = System.nanoTime();
        long used = asLong(m.get("used_memory"));
        long max = asLong(m.get("maxmemory"));
        m.put("used_pct", max > 0 ? Math.round(used * 1000.0 / max) / 10.0 : 0.0);
        HitWindow.Sample sample = HitWindow.Sample.of(m, now);
        boolean stats = m.containsKey("keyspace_hits");
        Duration window = HitWindow.window(args);
        HitWindow.derive(m, stats && !window.isZero() ? hitWindow.baseline(window, now) : null, sample,
                HitWindow.minLookups(args));
        if (stats) {
            hitWindow.add(sample);
        }
        long keys = 0;
        for (Map.Entry<String, Object> e : new ArrayList<>(m.entrySet())) {
            if (e.getKey().matches("db\\d+") && e.getValue() instanceof String v) {
                for (String part : v.split(",")) {
                    if (part.startsWith("keys=")) {
                        keys += Long.parseLong(part.substring(5));
                    }
                }
            }
        }
        m.put("keys", keys);
        return Observation.of(m);
    }

    /** The first sample of the hit window, taken when the connection opens; a server that refuses INFO just has no window. */
    static void sampleHits(ReadOnlyRedis redis, HitWindow hitWindow) {
        try {
            Map<String, Object> m = parseInfo(redis.text("INFO", "stats"));
            if (m.containsKey("keyspace_hits")) {
                hitWindow.add(HitWindow.Sample.of(m, System.nanoTime()));
            }
        } catch (RuntimeException e) {
            // judged since start then, and the summary says so
        }
    }

    /** Whether an INFO read of this section judges a hit window (then it waits for the window first). */
    static boolean windowed(Args args) {
        String section = args.string("section", "everything").toLowerCase(Locale.ROOT);
        return List.of("everything", "all", "default", "stats").contains(section)
                && !HitWindow.window(args).isZero();
    }

    static Map<String, Object> parseInfo(String info) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                m.put(line.substring(0, colon), typed(line.substring(colon + 1).trim()));
            }
        }
        return m;
    }

    /** A key of any type: its type, size, TTL and, for sorted sets, the age of the oldest member by score. */
    static Observation key(ReadOnlyRedis redis, Args args) {
        String key = args.string("key");
        String type = redis.text("TYPE", key);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("type", type);
        m.put("exists", !"none".equals(type));
        long size = switch (type) {
            case "zset" -> redis.number("ZCARD", key);
            case "set" -> redis.number("SCARD", key);
            case "list" -> redis.number("LLEN", key);
            case "hash" -> redis.number("HLEN", key);
            case "stream" -> redis.number("XLEN", key);
            case "string" -> redis.number("STRLEN", key);
            default -> 0;
        };
        m.put("size", size);
        // "size" is a reserved word in expressions (JEXL's size()); checks read the same number as members
        m.put("members", size);
        m.put("ttl_s", "none".equals(type) ? -2 : redis.number("TTL", key));
        m.put("value", null);
        m.put("oldest_age_s", 0L);
        if ("string".equals(type) && size <= 1024) {
            String value = redis.text("GET", key);
            m.put("value", typed(value));
        }
        if ("zset".equals(type) && size > 0) {
            List<Object> first = redis.list("ZRANGE", key, "0", "0", "WITHSCORES");
            if (first.size() == 2) {
                double score = Double.parseDouble(first.get(1).toString());
                long scoreMillis = score > 1e12 ? (long) score : (long) (score * 1000);
                long nowMillis = serverTimeMillis(redis);
                m.put("oldest_member_score", score);
                m.put("oldest_age_s", Math.max(0, (nowMillis - scoreMillis) / 1000));
            }
        }
        if (m.get("value") == null) {
            m.put("value", "");
        }
        return Observation.of(m);
    }

    static long serverTimeMillis(ReadOnlyRedis redis) {
        List<Object> time = redis.list("TIME");
        return Long.parseLong(time.get(0).toString()) * 1000 + Long.parseLong(time.get(1).toString()) / 1000;
    }

    /** Counts keys matching a pattern with SCAN (never KEYS) and samples their TTLs. */
    static Observation scanCount(ReadOnlyRedis redis, Args args) {
        String pattern = args.string("pattern");
        long limit = args.number("limit", 1_000_000);
        int sample = (int) args.number("sample", 100);
        long count = 0;
        List<String> sampled = new ArrayList<>();
        String cursor = "0";
        do {
            List<Object> reply = redis.list("SCAN", cursor, "MATCH", pattern, "COUNT", String.valueOf(SCAN_COUNT));
            cursor = reply.get(0).toString();
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) reply.get(1);
            count += keys.size();
            for (Object k : keys) {
                if (sampled.size() < sample) {
                    sampled.add(k.toString());
                }
            }
        } while (!"0".equals(cursor) && count < limit);
        long withoutTtl = 0;
        long maxTtl = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : sampled) {
            long ttl = redis.number("TTL", key);
            if (ttl == -1) {
                withoutTtl++;
            }
            maxTtl = Math.max(maxTtl, ttl);
            if (rows.size() < 10) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", key);
                row.put("ttl_s", ttl);
                rows.add(row);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pattern", pattern);
        m.put("count", count);
        m.put("complete", "0".equals(cursor));
        m.put("sampled", sampled.size());
        m.put("without_ttl", withoutTtl);
        m.put("max_ttl_s", maxTtl);
        return Observation.of(m, rows);
    }

    /** The biggest keys among a SCAN sample, by MEMORY USAGE. */
    static Observation bigKeys(ReadOnlyRedis redis, Args args) {
        int sample = (int) args.number("sample", 1000);
        int top = (int) args.number("top", 10);
        List<Map<String, Object>> sizes = new ArrayList<>();
        String cursor = "0";
        int seen = 0;
        do {
            List<Object> reply = redis.list("SCAN", cursor, "COUNT", String.valueOf(SCAN_COUNT));
            cursor = reply.get(0).toString();
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) reply.get(1);
            for (Object k : keys) {
                if (seen++ >= sample) {
                    break;
                }
                Object bytes = redis.call("MEMORY", "USAGE", k.toString(), "SAMPLES", "5");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", k.toString());
                row.put("bytes", bytes == null ? 0L : asLong(bytes));
                sizes.add(row);
            }
        } while (!"0".equals(cursor) && seen < sample);
        sizes.sort(Comparator.comparingLong((Map<String, Object> r) -> asLong(r.get("bytes"))).reversed());
        List<Map<String, Object>> rows = sizes.subList(0, Math.min(top, sizes.size()));
        long sampledBytes = sizes.stream().mapToLong(r -> asLong(r.get("bytes"))).sum();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sampled", sizes.size());
        m.put("sampled_bytes", sampledBytes);
        m.put("biggest_key", rows.isEmpty() ? "" : rows.get(0).get("key"));
        m.put("biggest_bytes", rows.isEmpty() ? 0L : rows.get(0).get("bytes"));
        return Observation.of(m, List.copyOf(rows));
    }

    /** SLOWLOG GET N; arguments beyond the key are not shown (they may hold values). */
    static Observation slowlog(ReadOnlyRedis redis, Args args) {
        String count = String.valueOf(args.number("count", 10));
        List<Object> entries = redis.list("SLOWLOG", "GET", count);
        List<Map<String, Object>> rows = new ArrayList<>();
        long slowest = 0;
        for (Object e : entries) {
            List<?> entry = (List<?>) e;
            long micros = asLong(entry.get(2));
            slowest = Math.max(slowest, micros);
            List<?> argv = (List<?>) entry.get(3);
            String shown = argv.isEmpty() ? "" : argv.get(0).toString().toUpperCase(Locale.ROOT) + (argv.size() > 1 ? " " + argv.get(1) : "")
                    + (argv.size() > 2 ? " …" : "");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", asLong(entry.get(0)));
            row.put("at", asLong(entry.get(1)));
            row.put("duration_us", micros);
            row.put("command", shown);
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", rows.size());
        m.put("slowlog_len", redis.number("SLOWLOG", "LEN"));
        m.put("slowest_us", slowest);
        return Observation.of(m, rows);
    }

    /** CONFIG GET of one parameter (e.g. maxmemory-policy). */
    static Observation configGet(ReadOnlyRedis redis, Args args) {
        String parameter = args.string("parameter");
        List<Object> reply = redis.list("CONFIG", "GET", parameter);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            m.put(reply.get(i).toString().replace('-', '_'), typed(reply.get(i + 1).toString()));
        }
        return Observation.of(m);
    }

    /** Any allow-listed read command, for runbooks that need one the typed actions lack. */
    static Observation command(ReadOnlyRedis redis, Args args) {
        List<String> argv = args.strings("argv");
        Object reply = redis.call(argv.toArray(String[]::new));
        Map<String, Object> m = new LinkedHashMap<>();
        if (reply instanceof List<?> list) {
            m.put("length", (long) list.size());
            m.put("reply", list.stream().map(String::valueOf).toList());
        } else {
            m.put("reply", typed(reply == null ? "" : reply.toString()));
        }
        return Observation.of(m);
    }

    static Object typed(String value) {
        if (value == null) {
            return null;
        }
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(value);
        }
        return value;
    }

    static long asLong(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o == null) {
            return 0;
        }
        try {
            return Long.parseLong(o.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
