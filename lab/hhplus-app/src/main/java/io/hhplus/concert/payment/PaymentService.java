package io.hhplus.concert.payment;

import java.time.Duration;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Pays a reservation from the user's points (seed 001 §5.2): under the payment lock
 * {@code reservation:payment:lock:{id}} (SET NX with a TTL), checks that no COMPLETED payment
 * exists, deducts points, writes point_history and the payment. Without the lock (the lab's
 * duplicate-payment fault) the check-then-insert races and two payments can be COMPLETED.
 */
@Service
public class PaymentService {
    public static final String LOCK_PREFIX = "reservation:payment:lock:";
    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private volatile boolean lockDisabled;
    private volatile long raceWindowMs;

    public PaymentService(JdbcTemplate jdbc, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    public Map<String, Object> pay(long reservationId, long userId, long amount) {
        String lock = LOCK_PREFIX + reservationId;
        if (!lockDisabled) {
            Boolean taken = redis.opsForValue().setIfAbsent(lock, String.valueOf(userId), Duration.ofSeconds(10));
            if (!Boolean.TRUE.equals(taken)) {
                throw new PaymentConflict("reservation " + reservationId + " is being paid");
            }
        }
        try {
            return payUnlocked(reservationId, userId, amount);
        } finally {
            if (!lockDisabled) {
                redis.delete(lock);
            }
        }
    }

    Map<String, Object> payUnlocked(long reservationId, long userId, long amount) {
        Integer paid = jdbc.queryForObject("SELECT COUNT(*) FROM payment WHERE reservation_id = ? AND status = 'COMPLETED'",
                Integer.class, reservationId);
        if (paid != null && paid > 0) {
            throw new PaymentConflict("reservation " + reservationId + " is already paid");
        }
        if (raceWindowMs > 0) {
            sleep(raceWindowMs);
        }
        int charged = jdbc.update("UPDATE point SET balance = balance - ? WHERE user_id = ? AND balance >= ?", amount, userId, amount);
        if (charged == 0) {
            throw new PaymentConflict("user " + userId + " has not enough points");
        }
        jdbc.update("INSERT INTO point_history (user_id, amount, type) VALUES (?, ?, 'USE')", userId, amount);
        jdbc.update("INSERT INTO payment (reservation_id, user_id, amount, status) VALUES (?, ?, ?, 'COMPLETED')",
                reservationId, userId, amount);
        jdbc.update("UPDATE reservation SET status = 'CONFIRMED' WHERE id = ?", reservationId);
        return Map.of("reservationId", reservationId, "status", "COMPLETED", "amount", amount);
    }

    /** The lab's fault: no lock and a pause between the check and the insert. */
    public void race(boolean on, long windowMs) {
        lockDisabled = on;
        raceWindowMs = on ? windowMs : 0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class PaymentConflict extends RuntimeException {
        public PaymentConflict(String message) {
            super(message);
        }
    }
}
