package io.hhplus.concert.queue;

import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * The Redis waiting queue of seed 000 §3.1: {@code queue:waiting} (ZSET, score = enqueue time in
 * epoch ms), {@code queue:active} (ZSET, score = expiry in epoch ms) and {@code queue:active:counter}.
 */
@Service
public class QueueService {
    public static final String WAITING = "queue:waiting";
    public static final String ACTIVE = "queue:active";
    public static final String COUNTER = "queue:active:counter";

    private final StringRedisTemplate redis;
    private final int batch;
    private final long activeTtlMs;

    public QueueService(StringRedisTemplate redis, @Value("${hhplus.queue.batch:100}") int batch,
                        @Value("${hhplus.queue.active-ttl-ms:600000}") long activeTtlMs) {
        this.redis = redis;
        this.batch = batch;
        this.activeTtlMs = activeTtlMs;
    }

    public String enqueue() {
        String token = UUID.randomUUID().toString();
        redis.opsForZSet().add(WAITING, token, System.currentTimeMillis());
        return token;
    }

    public String status(String token) {
        if (redis.opsForZSet().score(ACTIVE, token) != null) {
            return "ACTIVE";
        }
        Long rank = redis.opsForZSet().rank(WAITING, token);
        return rank == null ? "EXPIRED" : "WAITING:" + (rank + 1);
    }

    /** Moves the oldest {@code batch} waiting tokens to active; returns how many moved. */
    public int activateWaitingTokens() {
        Set<String> next = redis.opsForZSet().range(WAITING, 0, batch - 1L);
        if (next == null || next.isEmpty()) {
            return 0;
        }
        long expiry = System.currentTimeMillis() + activeTtlMs;
        for (String token : next) {
            redis.opsForZSet().add(ACTIVE, token, expiry);
            redis.opsForZSet().remove(WAITING, token);
        }
        redis.opsForValue().increment(COUNTER, next.size());
        return next.size();
    }

    /** Drops active tokens whose expiry passed; returns how many. */
    public long expireActiveTokens() {
        Long removed = redis.opsForZSet().removeRangeByScore(ACTIVE, 0, System.currentTimeMillis());
        if (removed != null && removed > 0) {
            redis.opsForValue().decrement(COUNTER, removed);
        }
        return removed == null ? 0 : removed;
    }
}
