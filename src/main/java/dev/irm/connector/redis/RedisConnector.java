package dev.irm.connector.redis;

import dev.irm.connector.Args;
import dev.irm.connector.Connector;
import dev.irm.connector.Consent;
import dev.irm.connector.Observation;
import dev.irm.connector.Preview;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** One Redis connection. Reads go through {@link ReadOnlyRedis}; the raw client is used only by consented writes. */
final class RedisConnector implements Connector {
    private final Jedis jedis;
    private final ReadOnlyRedis reads;
    private final RedisEndpoint endpoint;
    private final HitWindow hitWindow = new HitWindow();

    RedisConnector(Jedis jedis, RedisEndpoint endpoint) {
        this.jedis = jedis;
        this.reads = new ReadOnlyRedis(jedis);
        this.endpoint = endpoint;
        RedisReads.sampleHits(reads, hitWindow);
    }

    @Override
    public String endpoint() {
        return endpoint.toString();
    }

    /** The wait for a hit window happens outside the connection's lock, so other reads are not held up by it. */
    @Override
    public Observation read(String action, Args args) {
        if (action.equals("info") && RedisReads.windowed(args)) {
            awaitWindow(HitWindow.window(args.has("window") ? args.string("window") : null));
        }
        try {
            return readNow(action, args);
        } catch (JedisDataException e) {
            throw RedisPermissions.translate(e);
        }
    }

    private void awaitWindow(Duration window) {
        Duration missing = hitWindow.missing(window, System.nanoTime());
        if (!missing.isZero()) {
            try {
                Thread.sleep(missing.toMillis(), missing.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sampling the hit window", e);
            }
        }
    }

    private synchronized Observation readNow(String action, Args args) {
        return switch (action) {
            case "ping" -> RedisReads.ping(reads, args);
            case "info" -> RedisReads.info(reads, args, hitWindow);
            case "key" -> RedisReads.key(reads, args);
            case "scan-count" -> RedisReads.scanCount(reads, args);
            case "bigkeys" -> RedisReads.bigKeys(reads, args);
            case "slowlog" -> RedisReads.slowlog(reads, args);
            case "config-get" -> RedisReads.configGet(reads, args);
            case "command" -> RedisReads.command(reads, args);
            default -> throw new IllegalArgumentException("redis has no read action '" + action + "'");
        };
    }

    @Override
    public synchronized Preview preview(String action, Args args) {
        try {
            return previewAction(action, args);
        } catch (JedisDataException e) {
            throw RedisPermissions.translate(e);
        }
    }

    private Preview previewAction(String action, Args args) {
        return switch (action) {
            case "delete-pattern" -> RedisWrites.previewDeletePattern(reads, args, endpoint);
            case "delete-keys" -> RedisWrites.previewDeleteKeys(reads, args, endpoint);
            case "config-set" -> RedisWrites.previewConfigSet(reads, args, endpoint);
            case "flushdb" -> RedisWrites.previewFlushDb(reads, endpoint);
            default -> throw new IllegalArgumentException("redis has no write action '" + action + "'");
        };
    }

    @Override
    public synchronized Observation write(String action, Args args, Consent consent) {
        if (consent == null) {
            throw new IllegalStateException("a write needs consent");
        }
        return switch (action) {
            case "delete-pattern" -> RedisWrites.deletePattern(jedis, reads, args, consent);
            case "delete-keys" -> RedisWrites.deleteKeys(jedis, args, consent);
            case "config-set" -> RedisWrites.configSet(jedis, args, consent);
            case "flushdb" -> RedisWrites.flushDb(jedis, consent);
            default -> throw new IllegalArgumentException("redis has no write action '" + action + "'");
        };
    }

    @Override
    public void close() {
        jedis.close();
    }
}
