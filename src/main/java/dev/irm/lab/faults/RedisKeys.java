package dev.irm.lab.faults;

import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Removing a fault's keys: SCAN + UNLINK in batches, never KEYS. */
final class RedisKeys {
    private RedisKeys() {
    }

    static long unlinkMatching(Jedis redis, String pattern) {
        long removed = 0;
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().match(pattern).count(500));
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                removed += redis.unlink(keys.toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return removed;
    }
}
