package dev.irm.testing;

import dev.irm.lab.Probes;
import dev.irm.lab.RedisPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/** A private {@code redis-server} on a free loopback port, nothing persisted (started as the lab starts its Redis). */
public final class RedisServer implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final ManagedProcess process;
    private final int port;
    private final String password;

    private RedisServer(ManagedProcess process, int port, String password) {
        this.process = process;
        this.port = port;
        this.password = password;
    }

    /** Extra args are passed as-is, e.g. {@code start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction")}. */
    public static RedisServer start(String... extraArgs) throws IOException {
        String binary = ManagedProcess.which("redis-server", "/usr/bin", "/usr/sbin");
        int idx = Arrays.asList(extraArgs).indexOf("--requirepass");
        String password = idx >= 0 && idx + 1 < extraArgs.length ? extraArgs[idx + 1] : null;
        for (int attempt = 1; ; attempt++) {
            ManagedProcess mp = ManagedProcess.inTempDir("redis", "redis.log");
            int port = FreePorts.next();
            try {
                mp.start(RedisPart.command(binary, port, mp.dir(), List.of(extraArgs)));
                mp.awaitReady(ManagedProcess.START_TIMEOUT, () -> Probes.redisPing(port));
                return new RedisServer(mp, port, password);
            } catch (RuntimeException | IOException e) {
                boolean portTaken = mp.logContains("Address already in use");
                mp.close();
                if (!portTaken || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port} (no credentials). */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    /** The {@code --requirepass} given at start, or null. */
    public String password() {
        return password;
    }

    /** A new connection for test setup (authenticated if a password was set); the caller closes it. */
    public Jedis client() {
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(10_000);
        if (password != null) {
            cfg.password(password);
        }
        return new Jedis(HOST, port, cfg.build());
    }

    /** {@code DEBUG DIGEST}: one hash of the whole data set, the "state before == state after" of the tests. */
    public String digest() {
        try (Jedis jedis = client()) {
            return new String((byte[]) jedis.sendCommand(() -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "DIGEST"), StandardCharsets.US_ASCII);
        }
    }

    /**
     * Fills memory past {@code maxmemory} so that, under {@code noeviction}, every write from any client
     * fails with {@code OOM command not allowed...}: lifts the limit, writes until used_memory exceeds it
     * by a margin, then restores it. Returns the number of keys written.
     */
    public int fillToMaxmemory() {
        try (Jedis jedis = client()) {
            long maxmemory = Long.parseLong(jedis.configGet("maxmemory").get("maxmemory"));
            if (maxmemory == 0) {
                throw new IllegalStateException("maxmemory is not set");
            }
            long target = maxmemory + Math.max(256 * 1024, maxmemory / 10);
            String value = "x".repeat(16 * 1024);
            int written = 0;
            jedis.configSet("maxmemory", "0");
            try {
                while (usedMemory(jedis) < target) {
                    for (int i = 0; i < 8; i++) {
                        jedis.set("irm:fill:" + written++, value);
                    }
                }
            } finally {
                jedis.configSet("maxmemory", String.valueOf(maxmemory));
            }
            return written;
        }
    }

    private static long usedMemory(Jedis jedis) {
        return jedis.info("memory").lines()
                .filter(l -> l.startsWith("used_memory:"))
                .mapToLong(l -> Long.parseLong(l.substring("used_memory:".length()).trim()))
                .findFirst()
                .orElseThrow();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Kills the server (its port then refuses connections); the temp dir stays until close(). */
    public void stop() {
        process.stop(Duration.ofSeconds(5));
    }

    public String logTail() {
        return process.logTail(40);
    }

    @Override
    public void close() {
        process.close();
    }
}
