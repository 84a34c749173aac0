package io.hhplus.concert.scheduler;

import io.hhplus.concert.queue.QueueService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The schedulers of seed 001 §3.3, each logging its keyword every period (irm's app-schedulers
 * heartbeat table): [좌석점유정리] 10 s, [큐토큰정리] 30 s, [예약정리] 1 min, 결제 타임아웃 처리 1 min,
 * [스케줄러상태] 5 min, [일일정리] daily 03:00. Periods are properties so a lab can shorten them.
 */
@Component
public class CleanupSchedulers {
    private static final Logger log = LoggerFactory.getLogger(CleanupSchedulers.class);
    private final JdbcTemplate jdbc;
    private final QueueService queue;
    private final SchedulerSwitch switches;

    public CleanupSchedulers(JdbcTemplate jdbc, QueueService queue, SchedulerSwitch switches) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.switches = switches;
    }

    @Scheduled(fixedRateString = "${hhplus.scheduler.seat-hold-ms:10000}", initialDelay = 500)
    public void releaseExpiredSeatHolds() {
        if (switches.running("seat-hold")) {
            int released = jdbc.update("UPDATE seat_hold SET status = 'RELEASED' WHERE status = 'HELD'"
                    + " AND created_at < NOW() - INTERVAL 5 MINUTE");
            log.info("[좌석점유정리] released={}", released);
        }
    }

    @Scheduled(fixedRateString = "${hhplus.scheduler.queue-token-ms:30000}", initialDelay = 500)
    public void expireQueueTokens() {
        if (switches.running("queue-token")) {
            log.info("[큐토큰정리] expired={}", queue.expireActiveTokens());
        }
    }

    @Scheduled(fixedRateString = "${hhplus.scheduler.reservation-ms:60000}", initialDelay = 500)
    public void cancelTemporaryReservations() {
        if (switches.running("reservation")) {
            int cancelled = jdbc.update("UPDATE reservation SET status = 'CANCELLED' WHERE status = 'TEMPORARY'"
                    + " AND created_at < NOW() - INTERVAL 5 MINUTE");
            log.info("[예약정리] cancelled={}", cancelled);
        }
    }

    @Scheduled(fixedRateString = "${hhplus.scheduler.payment-timeout-ms:60000}", initialDelay = 500)
    public void timeOutPendingPayments() {
        if (switches.running("payment-timeout")) {
            int failed = jdbc.update("UPDATE payment SET status = 'FAILED' WHERE status = 'PENDING'"
                    + " AND created_at < NOW() - INTERVAL 30 MINUTE");
            log.info("결제 타임아웃 처리 failed={}", failed);
        }
    }

    @Scheduled(fixedRateString = "${hhplus.scheduler.status-ms:300000}", initialDelay = 500)
    public void reportStatus() {
        if (switches.running("status")) {
            log.info("[스케줄러상태] stopped={}", switches.stopped());
        }
    }

    @Scheduled(cron = "${hhplus.scheduler.daily-cron:0 0 3 * * *}")
    public void dailyCleanup() {
        if (switches.running("daily")) {
            int deleted = jdbc.update("DELETE FROM seat_hold WHERE status = 'RELEASED' AND created_at < NOW() - INTERVAL 7 DAY");
            log.info("[일일정리] deleted={}", deleted);
        }
    }
}
