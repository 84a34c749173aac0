package io.hhplus.concert.scheduler;

import io.hhplus.concert.queue.QueueService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Seed 000 §3.1: moves waiting tokens to active; its log line is the heartbeat queue-stall reads. */
@Component
public class QueueScheduler {
    private static final Logger log = LoggerFactory.getLogger(QueueScheduler.class);
    private final QueueService queue;
    private final SchedulerSwitch switches;

    public QueueScheduler(QueueService queue, SchedulerSwitch switches) {
        this.queue = queue;
        this.switches = switches;
    }

    @Scheduled(fixedDelayString = "${hhplus.scheduler.queue-ms:30000}", initialDelay = 1000)
    public void activateWaitingTokens() {
        if (switches.running("queue")) {
            runOnce("scheduled");
        }
    }

    public int runOnce(String trigger) {
        int moved = queue.activateWaitingTokens();
        log.info("QueueScheduler.activateWaitingTokens activated={} trigger={}", moved, trigger);
        return moved;
    }
}
