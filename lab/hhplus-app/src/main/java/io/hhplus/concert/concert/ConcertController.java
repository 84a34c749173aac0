package io.hhplus.concert.concert;

import java.time.Duration;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seat availability of a concert, cached in Redis as {@code cache:concert:{id}:seats} (look-aside, TTL).
 * With the lab's cache fault the app stops filling the cache, so every read is a miss that goes to the DB.
 */
@RestController
public class ConcertController {
    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private final CacheSwitch cache;

    public ConcertController(JdbcTemplate jdbc, StringRedisTemplate redis, CacheSwitch cache) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.cache = cache;
    }

    @GetMapping("/api/concerts/{id}/seats")
    public Map<String, Object> seats(@PathVariable long id) {
        String key = "cache:concert:" + id + ":seats";
        String cached = redis.opsForValue().get(key);
        if (cached != null) {
            return Map.of("concertId", id, "held", Long.parseLong(cached), "cached", true);
        }
        Long held = jdbc.queryForObject("SELECT COUNT(*) FROM seat_hold WHERE status IN ('HELD', 'CONFIRMED')", Long.class);
        if (cache.filling()) {
            redis.opsForValue().set(key, String.valueOf(held), Duration.ofMinutes(5));
        }
        return Map.of("concertId", id, "held", held, "cached", false);
    }
}
