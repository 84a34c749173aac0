package dev.irm.connector.redis;

import dev.irm.connector.ActionSpec;
import dev.irm.connector.Args;
import dev.irm.connector.DeclaredConnector;
import dev.irm.connector.Observation;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** One Redis connection. Reads go through {@link ReadOnlyRedis}; the raw client is used only by consented writes. */
final class RedisConnector extends DeclaredConnector<RedisConnector.Session, RedisConnector.Writer> {
    /** What read actions and previews get: the read-only client, the hit-ratio samples and the endpoint. */
    record Session(ReadOnlyRedis redis, HitWindow hits, RedisEndpoint endpoint) {
    }

    /** What a consented write gets: the raw client, and the read-only one to look first. */
    record Writer(Jedis jedis, ReadOnlyRedis redis) {
    }

    private static final Duration POLL = Duration.ofMillis(50);
    private final Jedis jedis;

    RedisConnector(Jedis jedis, RedisEndpoint endpoint) {
        this(jedis, new ReadOnlyRedis(jedis), endpoint);
    }

    private RedisConnector(Jedis jedis, ReadOnlyRedis reads, RedisEndpoint endpoint) {
        super(RedisConnectorFactory.ACTIONS, new Session(reads, new HitWindow(), endpoint), new Writer(jedis, reads));
        this.jedis = jedis;
        RedisReads.sampleHits(reads, session().hits());
    }

    @Override
    public String endpoint() {
        return session().endpoint().toString();
    }

    /** The wait for a hit window happens outside the connection's lock, so other reads are not held up by it. */
    @Override
    protected <T> T aroundReadOnly(ActionSpec action, Args args, Call<T> call) throws Exception {
        if (action.params().containsKey("window") && RedisReads.windowed(args)) {
            awaitWindow(HitWindow.window(args), HitWindow.minLookups(args), HitWindow.enoughLookups(args));
        }
        synchronized (this) {
            try {
                return call.run();
            } catch (JedisDataException e) {
                throw RedisPermissions.translate(e);
            }
        }
    }

    /**
     * Sleeps until the window is full, or, from a fifth of it on, until a fresh sample already tells
     * (polled every 50 ms). No first sample (INFO refused at connect): no window to wait for.
     */
    private void awaitWindow(Duration window, long minLookups, long enough) {
        HitWindow hits = session().hits();
        if (hits.isEmpty()) {
            return;
        }
        sleep(hits.untilFirstLook(window, System.nanoTime()));
        for (Duration missing = hits.missing(window, System.nanoTime()); !missing.isZero(); missing = hits.missing(window, System.nanoTime())) {
            synchronized (this) {
                RedisReads.sampleHits(session().redis(), hits);
            }
            if (hits.told(window, minLookups, enough)) {
                return;
            }
            sleep(missing.compareTo(POLL) < 0 ? missing : POLL);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling the hit window", e);
        }
    }

    @Override
    protected synchronized Observation aroundWrite(ActionSpec action, Call<Observation> call) throws Exception {
        return call.run();
    }

    @Override
    public void close() {
        jedis.close();
    }
}
